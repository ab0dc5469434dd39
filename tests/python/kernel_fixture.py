"""Starting the installed StoryLab kernel for a test, with its stderr kept for inspection."""
import os
import tempfile

from jupyter_client.manager import start_new_kernel


def start(stderr_path=None):
    """Returns (manager, client, stderr_file_path). The kernelspec comes from JUPYTER_PATH."""
    if stderr_path is None:
        fd, stderr_path = tempfile.mkstemp(prefix="storylab-kernel-", suffix=".log")
        os.close(fd)
    err = open(stderr_path, "w")
    km, kc = start_new_kernel(kernel_name="storylab", stderr=err)
    return km, kc, stderr_path


def execute(kc, code, timeout=60):
    """Runs code, returns (reply content, iopub messages of that request)."""
    msg_id = kc.execute(code)
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=timeout)
    msgs = []
    while True:
        m = kc.get_iopub_msg(timeout=timeout)
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            break
        msgs.append(m)
    return reply["content"], msgs


def cpu_seconds(pid):
    """User + system CPU time of a process, from /proc."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks
