package storylab.widgets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jupyter's comm protocol: named two-way channels between an object in the kernel and its twin in the
 * front end (comm_open, comm_msg, comm_close on iopub one way, on the shell channel the other). Widgets
 * are built on it. The kernel installs a {@link Transport}; without one (headless runs, unit tests) comms
 * open and send into the void, so widgets still work as plain objects.
 */
public final class Comms {

    /** How comm messages leave the kernel: published on iopub, parented to the request being handled. */
    public interface Transport {
        void publish(String msgType, Map<String, Object> content, Map<String, Object> metadata);

        /** The id of the message the kernel is handling now (a cell's execute_request, or a comm_msg). */
        String parentId();

        /** Publishes text printed so far, before an output area changes hands. */
        void flushOutput();
    }

    /** What a comm does with what the front end sends it. */
    public interface Handler {
        void onMessage(Comm comm, Map<String, Object> data);

        default void onClose(Comm comm) {}
    }

    /** Makes the handler for a comm the front end opened to a target. */
    public interface Target {
        Handler opened(Comm comm, Map<String, Object> data, Map<String, Object> metadata);
    }

    /** One open channel. */
    public static final class Comm {
        private final String id;
        private final String target;
        private volatile Handler handler;
        private volatile boolean open = true;

        private Comm(String id, String target) {
            this.id = id;
            this.target = target;
        }

        public String id() {
            return id;
        }

        public String target() {
            return target;
        }

        public boolean isOpen() {
            return open;
        }

        public void send(Map<String, Object> data) {
            send(data, Map.of());
        }

        public void send(Map<String, Object> data, Map<String, Object> metadata) {
            if (!open) throw new IllegalStateException("comm " + id + " (" + target + ") is closed");
            publish("comm_msg", content(id, data), metadata);
        }

        public void close() {
            if (!open) return;
            open = false;
            COMMS.remove(id);
            publish("comm_close", content(id, Map.of()), Map.of());
        }

        @Override
        public String toString() {
            return "Comm(" + target + ", " + id + (open ? "" : ", closed") + ")";
        }
    }

    private static final Map<String, Comm> COMMS = new ConcurrentHashMap<>();
    private static final Map<String, Target> TARGETS = new ConcurrentHashMap<>();
    private static volatile Transport transport;

    private Comms() {}

    /** The kernel calls this once; {@code null} goes back to talking to nobody. */
    public static void install(Transport t) {
        transport = t;
    }

    /** Whether a front end is listening (a kernel is running), as opposed to a headless run. */
    public static boolean connected() {
        return transport != null;
    }

    public static String parentId() {
        var t = transport;
        return t == null ? "" : t.parentId();
    }

    public static void flushOutput() {
        var t = transport;
        if (t != null) t.flushOutput();
    }

    /** Lets the front end open comms to {@code name}. */
    public static void register(String name, Target target) {
        TARGETS.put(name, target);
    }

    /** Opens a comm from the kernel side. */
    public static Comm open(String target, Map<String, Object> data, Map<String, Object> metadata, Handler handler) {
        var comm = new Comm(UUID.randomUUID().toString().replace("-", ""), target);
        comm.handler = handler;
        COMMS.put(comm.id, comm);
        var content = content(comm.id, data);
        content.put("target_name", target);
        publish("comm_open", content, metadata);
        return comm;
    }

    /** comm_open from the front end. An unknown target is closed again at once, as ipykernel does. */
    public static void receiveOpen(String id, String target, Map<String, Object> data, Map<String, Object> metadata) {
        var t = TARGETS.get(target);
        if (t == null) {
            publish("comm_close", content(id, Map.of()), Map.of());
            throw new IllegalArgumentException("comm_open for unknown target \"" + target + "\" (known: " + TARGETS.keySet() + "); closed it");
        }
        var comm = new Comm(id, target);
        COMMS.put(id, comm);
        try {
            comm.handler = t.opened(comm, data, metadata);
        } catch (RuntimeException e) {
            comm.close();
            throw e;
        }
    }

    /** comm_msg from the front end. */
    public static void receiveMessage(String id, Map<String, Object> data) {
        var comm = COMMS.get(id);
        if (comm == null) throw new IllegalArgumentException("comm_msg for comm " + id + ", which is not open (closed, or never opened); ignored");
        if (comm.handler != null) comm.handler.onMessage(comm, data);
    }

    /** comm_close from the front end: the comm is gone without a reply. */
    public static void receiveClose(String id) {
        var comm = COMMS.remove(id);
        if (comm == null) throw new IllegalArgumentException("comm_close for comm " + id + ", which is not open; ignored");
        comm.open = false;
        if (comm.handler != null) comm.handler.onClose(comm);
    }

    /** comm_info_reply's {@code comms}: open comms, of one target if {@code target} is not null or empty. */
    public static Map<String, Object> info(String target) {
        var out = new LinkedHashMap<String, Object>();
        for (var c : COMMS.values())
            if (target == null || target.isEmpty() || target.equals(c.target)) out.put(c.id, Map.of("target_name", c.target));
        return out;
    }

    /** The open comms (for tests and the restart of a front end). */
    public static List<Comm> open() {
        return List.copyOf(COMMS.values());
    }

    private static Map<String, Object> content(String id, Map<String, Object> data) {
        var c = new LinkedHashMap<String, Object>();
        c.put("comm_id", id);
        c.put("data", data);
        return c;
    }

    private static void publish(String type, Map<String, Object> content, Map<String, Object> metadata) {
        var t = transport;
        if (t != null) t.publish(type, content, metadata);
    }
}
