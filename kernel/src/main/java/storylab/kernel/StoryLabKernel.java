package storylab.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.request.CompleteRequest;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.InspectRequest;
import org.dflib.jjava.jupyter.messages.request.IsCompleteRequest;
import org.dflib.jjava.jupyter.messages.request.ShutdownRequest;
import storylab.display.Display;
import storylab.display.Renderers;
import storylab.widgets.Comms;
import storylab.widgets.Widgets;

/**
 * The Jupyter kernel: maps each shell and control request to the session (evaluate, complete, inspect),
 * the history and the renderers. Replies are built as plain maps so that every field the protocol asks
 * for is there (the protocol base's reply classes miss {@code status} in kernel_info_reply, for one).
 */
final class StoryLabKernel {

    static final String VERSION = "0.1.0";

    private final CompletableFuture<Session> session;
    private final OutputRouter output = new OutputRouter();
    private final JupyterSink sink = new JupyterSink();
    /** Persisted per kernelspec in Jupyter's data folder (the installer tells the kernel its spec's name). */
    private final History history = History.persisted(History.defaultFile(System.getenv().getOrDefault("STORYLAB_KERNEL_NAME", KernelspecInstaller.NAME)));
    private int executionCount = 1;
    /** The request being handled: widgets publish their comm messages under it. */
    private volatile ShellReplyEnvironment current;

    /** The session may still be warming up (JShell takes a second): requests that need it wait for it. */
    StoryLabKernel(CompletableFuture<Session> session) {
        this.session = session;
        output.install();
        Display.install(sink);
        Widgets.install();
        Comms.install(new Comms.Transport() {
            @Override
            public void publish(String msgType, Map<String, Object> content, Map<String, Object> metadata) {
                var env = current;
                if (env == null) return;
                output.flush(); // printed text before the widget change, as the code ran
                publishWithMetadata(env, MessageType.getType(msgType), content, metadata);
            }

            @Override
            public String parentId() {
                var env = current;
                return env == null ? "" : env.getContext().getHeader().getId();
            }

            @Override
            public void flushOutput() {
                output.flush();
            }
        });
    }

    void serve(JupyterConnection connection) {
        connection.setHandler(MessageType.KERNEL_INFO_REQUEST, (env, msg) -> {
            env.setBusyDeferIdle();
            reply(env, MessageType.KERNEL_INFO_REPLY, kernelInfo());
        });
        connection.setHandler(MessageType.EXECUTE_REQUEST, this::execute);
        connection.setHandler(MessageType.COMPLETE_REQUEST, this::complete);
        connection.setHandler(MessageType.INSPECT_REQUEST, this::inspect);
        connection.setHandler(MessageType.IS_COMPLETE_REQUEST, this::isComplete);
        connection.setHandler(MessageType.HISTORY_REQUEST, this::history);
        connection.setHandler(MessageType.COMM_INFO_REQUEST, (env, msg) -> {
            env.setBusyDeferIdle();
            reply(env, MessageType.COMM_INFO_REPLY, ok(Map.of("comms", Comms.info(msg.getContent().getTargetName()))));
        });
        connection.setHandler(MessageType.COMM_OPEN_COMMAND, (env, msg) -> comm(env, () -> {
            var c = msg.getContent();
            Comms.receiveOpen(c.getCommID(), c.getTargetName(), Json.map(c.getData()), msg.getNonNullMetadata());
        }));
        connection.setHandler(MessageType.COMM_MSG_COMMAND, (env, msg) -> comm(env, () -> Comms.receiveMessage(msg.getContent().getCommID(), Json.map(msg.getContent().getData()))));
        connection.setHandler(MessageType.COMM_CLOSE_COMMAND, (env, msg) -> comm(env, () -> Comms.receiveClose(msg.getContent().getCommID())));
        connection.setHandler(MessageType.INTERRUPT_REQUEST, (env, msg) -> {
            // Answer first: the interrupted cell's own error reply follows on the shell channel.
            reply(env, MessageType.INTERRUPT_REPLY, ok(Map.of()));
            session.thenAccept(s -> s.evaluator().interrupt());
        });
        connection.setHandler(MessageType.SHUTDOWN_REQUEST, this::shutdown);
    }

    static Map<String, Object> kernelInfo() {
        var language = new LinkedHashMap<String, Object>();
        language.put("name", "java");
        language.put("version", Runtime.version().toString());
        language.put("mimetype", "text/x-java-source");
        language.put("file_extension", ".jsh");
        language.put("pygments_lexer", "java");
        language.put("codemirror_mode", "text/x-java");
        language.put("nbconvert_exporter", "script");
        var c = new LinkedHashMap<String, Object>();
        c.put("protocol_version", "5.3");
        c.put("implementation", "storylab");
        c.put("implementation_version", VERSION);
        c.put("language_info", language);
        c.put("banner", "StoryLab " + VERSION + " — Java " + Runtime.version() + " on JShell, with the storytelling lab preloaded");
        c.put("help_links", List.of(
                Map.of("text", "StoryLab README", "url", "https://github.com/storylab/storylab#readme"),
                Map.of("text", "Java SE API", "url", "https://docs.oracle.com/en/java/javase/17/docs/api/")));
        c.put("debugger", false);
        return ok(c);
    }

    private void execute(ShellReplyEnvironment env, Message<ExecuteRequest> msg) {
        var request = msg.getContent();
        boolean silent = request.isSilent();
        boolean store = request.shouldStoreHistory() && !silent;
        int count = store ? executionCount++ : executionCount;
        env.setStatusBusy();
        current = env;
        if (!silent) publish(env, MessageType.PUBLISH_EXECUTE_INPUT, Map.of("code", request.getCode(), "execution_count", count));
        sink.attach(env, request.isStdinEnabled());
        output.route((stream, text) -> {
            if (!silent) publish(env, MessageType.PUBLISH_STREAM, Map.of("name", stream, "text", text));
        });
        Map<String, Object> replyContent;
        String resultText = null;
        try {
            var outcome = session.join().run(request.getCode());
            var content = new LinkedHashMap<String, Object>();
            content.put("execution_count", count);
            content.put("payload", outcome.page() == null ? List.of()
                    : List.of(Map.of("source", "page", "data", Map.of("text/plain", outcome.page()), "start", 0)));
            content.put("user_expressions", userExpressions(request.getUserExpr()));
            if (outcome.hasValue() && !silent) {
                var bundle = Renderers.render(outcome.value());
                output.flush();
                resultText = bundle.plain();
                publish(env, MessageType.PUBLISH_EXECUTION_RESULT, Map.of("execution_count", count, "data", Widgets.forWire(bundle.data()), "metadata", Map.of()));
            }
            replyContent = ok(content);
        } catch (Evaluator.CellFailure failure) {
            output.flush();
            var e = failure.error;
            publish(env, MessageType.PUBLISH_ERROR, Map.of("ename", e.ename(), "evalue", e.evalue(), "traceback", e.traceback()));
            replyContent = error(e, count);
        } catch (RuntimeException | Error unexpected) {
            output.flush();
            var e = CellError.of(unexpected.getClass().getSimpleName(), String.valueOf(unexpected.getMessage()),
                    "The kernel failed while running this cell: " + unexpected);
            publish(env, MessageType.PUBLISH_ERROR, Map.of("ename", e.ename(), "evalue", e.evalue(), "traceback", e.traceback()));
            replyContent = error(e, count);
        } finally {
            output.route(null);
        }
        reply(env, MessageType.EXECUTE_REPLY, replyContent);
        env.setStatusIdle();
        if (store) history.add(count, request.getCode(), resultText); // after the reply: the round trip never waits for it
    }

    /**
     * A comm message from the front end (a slider moved, a button clicked): widget callbacks run here,
     * their printout and displays published under this message. A bad message is logged and reported on
     * stderr; the kernel carries on.
     */
    private void comm(ShellReplyEnvironment env, Runnable action) {
        env.setBusyDeferIdle();
        current = env;
        sink.attach(env, false);
        output.route((stream, text) -> publish(env, MessageType.PUBLISH_STREAM, Map.of("name", stream, "text", text)));
        try {
            action.run();
        } catch (RuntimeException e) {
            output.flush();
            String problem = e.getMessage() == null ? e.toString() : e.getMessage();
            Log.warn(problem);
            publish(env, MessageType.PUBLISH_STREAM, Map.of("name", "stderr", "text", "StoryLab: " + problem + "\n"));
        } finally {
            output.route(null);
        }
    }

    private Map<String, Object> userExpressions(Map<String, String> expressions) {
        var out = new LinkedHashMap<String, Object>();
        if (expressions == null) return out;
        for (var e : expressions.entrySet()) {
            try {
                var value = session.join().evaluator().eval(e.getValue());
                out.put(e.getKey(), ok(Map.of("data", Renderers.render(value == Evaluator.NO_VALUE ? null : value).data(), "metadata", Map.of())));
            } catch (Evaluator.CellFailure f) {
                out.put(e.getKey(), error(f.error, null));
            }
        }
        return out;
    }

    private void complete(ShellReplyEnvironment env, Message<CompleteRequest> msg) {
        var r = msg.getContent();
        env.setBusyDeferIdle();
        var c = session.join().evaluator().complete(r.getCode(), r.getCursorPos());
        reply(env, MessageType.COMPLETE_REPLY, ok(Map.of("matches", c.matches(), "cursor_start", c.start(), "cursor_end", c.end(), "metadata", Map.of())));
    }

    private void inspect(ShellReplyEnvironment env, Message<InspectRequest> msg) {
        var r = msg.getContent();
        env.setBusyDeferIdle();
        var doc = session.join().evaluator().inspect(r.getCode(), r.getCursorPos(), r.getDetailLevel() > 0);
        reply(env, MessageType.INSPECT_REPLY, ok(Map.of("found", doc.isPresent(),
                "data", doc.map(d -> Map.of("text/plain", d)).orElse(Map.of()), "metadata", Map.of())));
    }

    private void isComplete(ShellReplyEnvironment env, Message<IsCompleteRequest> msg) {
        env.setBusyDeferIdle();
        var r = session.join().evaluator().isComplete(msg.getContent().getCode());
        reply(env, MessageType.IS_COMPLETE_REPLY, r.indent() != null ? Map.of("status", r.status(), "indent", r.indent()) : Map.of("status", r.status()));
    }

    private void history(ShellReplyEnvironment env, Message<HistoryRequest> msg) {
        var r = msg.getContent();
        env.setBusyDeferIdle();
        List<History.Entry> entries = switch (r.getAccessType()) {
            case TAIL -> history.tail(((HistoryRequest.Tail) r).getMaxReturnLength());
            case RANGE -> {
                var range = (HistoryRequest.Range) r;
                yield history.range(range.getSessionIndex(), range.getStart(), range.getStop());
            }
            case SEARCH -> {
                var search = (HistoryRequest.Search) r;
                yield history.search(search.getPattern(), search.getMaxReturnLength(), search.filterUnique());
            }
        };
        var rows = new ArrayList<List<Object>>();
        for (var e : entries) rows.add(List.of(e.session(), e.line(), r.includeOutput() ? java.util.Arrays.asList(e.input(), e.output()) : e.input()));
        reply(env, MessageType.HISTORY_REPLY, ok(Map.of("history", rows)));
    }

    private void shutdown(ShellReplyEnvironment env, Message<ShutdownRequest> msg) {
        boolean restart = msg.getContent().isRestart();
        reply(env, MessageType.SHUTDOWN_REPLY, ok(Map.of("restart", restart)));
        history.close();
        output.uninstall();
        env.markForShutdown();
    }

    static Map<String, Object> ok(Map<String, ?> content) {
        var c = new LinkedHashMap<String, Object>();
        c.put("status", "ok");
        c.putAll(content);
        return c;
    }

    private static Map<String, Object> error(CellError e, Integer count) {
        var c = new LinkedHashMap<String, Object>();
        c.put("status", "error");
        if (count != null) c.put("execution_count", count);
        c.put("ename", e.ename());
        c.put("evalue", e.evalue());
        c.put("traceback", e.traceback());
        return c;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void reply(ShellReplyEnvironment env, MessageType<?> type, Map<String, Object> content) {
        env.reply(new Message(env.getContext(), type, content));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void publish(ShellReplyEnvironment env, MessageType<?> type, Map<String, Object> content) {
        env.publish(new Message(env.getContext(), type, content));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void publishWithMetadata(ShellReplyEnvironment env, MessageType<?> type, Map<String, Object> content, Map<String, Object> metadata) {
        // No blobs (null, not empty): the base sends the content frame with "more" set when given a list.
        env.publish(new Message(env.getContext(), type, content, null, metadata));
    }
}
