package storylab.kernel;

import java.security.GeneralSecurityException;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.zeromq.ZMQ;

/**
 * The protocol base's connection (heartbeat, stdin, iopub, signing) with our {@link FastShellChannel}s in
 * place of its sleeping shell and control loops. Sockets bind where the connection file says.
 */
final class StoryLabConnection extends JupyterConnection {

    private final KernelConnectionProperties props;
    private final ZMQ.Context context = ZMQ.context(1);
    private final FastShellChannel fastShell;
    private final FastShellChannel fastControl;
    private volatile boolean closed;

    StoryLabConnection(KernelConnectionProperties props) throws GeneralSecurityException {
        super(props);
        this.props = props;
        var hmac = props.createHMACGenerator();
        fastShell = new FastShellChannel(context, hmac, false, this);
        fastControl = new FastShellChannel(context, hmac, true, this);
    }

    @Override
    public void connect() {
        heartbeat.bind(props);
        stdin.bind(props);
        iopub.bind(props);
        fastShell.bind(props);
        fastControl.bind(props);
        iopub.sendMessage(new Message<>(null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING));
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        fastShell.close();
        fastControl.close();
        super.close();
        context.close();
    }

    @Override
    public void waitUntilClose() {
        fastShell.waitUntilClose();
        fastControl.waitUntilClose();
    }
}
