package storylab.kernel;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.zeromq.ZMQ;

/**
 * A shell (or control) channel that waits for messages instead of sleeping between polls. The protocol
 * base's loop polls, handles one message, then sleeps 50 ms — most of a 70 ms round trip. Ours blocks in
 * {@code poll} until a message arrives. It also drops, and logs, a message whose signature does not
 * verify, where the base's loop lets the exception kill the channel's thread.
 */
final class FastShellChannel extends ShellChannel {

    private final boolean control;
    private final JupyterConnection connection;
    private final ZMQ.Context context;
    private volatile boolean running;
    private Thread thread;

    FastShellChannel(ZMQ.Context context, HMACGenerator hmac, boolean control, JupyterConnection connection) {
        super(context, hmac, control, connection);
        this.context = context;
        this.control = control;
        this.connection = connection;
    }

    @Override
    public void bind(KernelConnectionProperties props) {
        String address = formatAddress(props.getTransport(), props.getIp(), control ? props.getControlPort() : props.getShellPort());
        if (!bind(address)) throw new IllegalStateException("cannot bind " + (control ? "control" : "shell") + " channel to " + address);
        running = true;
        thread = new Thread(this::serve, control ? "storylab-control" : "storylab-shell");
        thread.start();
    }

    private void serve() {
        ZMQ.Poller poller = context.poller(1);
        poller.register(this, ZMQ.Poller.POLLIN);
        try {
            while (running && !Thread.currentThread().isInterrupted()) {
                if (poller.poll(250) <= 0 || !poller.pollin(0)) continue;
                Message<?> message;
                try {
                    message = readMessage();
                } catch (SecurityException e) {
                    Log.warn("dropped a message on the " + (control ? "control" : "shell") + " channel: its HMAC signature does not match the connection key");
                    continue;
                } catch (RuntimeException e) {
                    Log.warn("dropped an unreadable message on the " + (control ? "control" : "shell") + " channel: " + e);
                    continue;
                }
                if (message == null) break;
                handle(message);
            }
        } catch (org.zeromq.ZMQException | IllegalStateException e) {
            if (running) Log.warn((control ? "control" : "shell") + " channel stopped: " + e);
        } finally {
            poller.close();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void handle(Message message) {
        var handler = connection.getHandler(message.getHeader().getType());
        if (handler == null) {
            Log.warn("no handler for " + message.getHeader().getType().getName() + " messages; ignored");
            return;
        }
        var env = connection.prepareReplyEnv(this, message);
        try {
            handler.handle(env, message);
        } catch (Exception e) {
            Log.warn("error handling " + message.getHeader().getType().getName() + ": " + e);
        } finally {
            env.resolveDeferrals();
        }
        if (env.isMarkedForShutdown()) {
            running = false;
            connection.close();
        }
    }

    @Override
    public void close() {
        running = false;
        super.close();
    }

    @Override
    public void waitUntilClose() {
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
