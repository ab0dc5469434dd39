"""Asking the person at the notebook (input_request on stdin), and displays updated in place, over the wire."""
import unittest

import kernel_fixture as kf


class StdinAndDisplayTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc, cls.log = kf.start()
        kf.execute(cls.kc, "1 + 1")

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)

    def test_input_asks_through_stdin_and_returns_the_answer(self):
        msg_id = self.kc.execute('String a = input("Score 0-3: "); System.out.println("got " + a);', allow_stdin=True)
        request = self.kc.get_stdin_msg(timeout=30)
        self.assertEqual(request["msg_type"], "input_request")
        self.assertEqual(request["content"]["prompt"], "Score 0-3: ")
        self.kc.input("2 3 1")
        reply = self.kc.get_shell_msg(timeout=30)
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        self.assertEqual(reply["content"]["status"], "ok")
        texts = []
        while True:
            m = self.kc.get_iopub_msg(timeout=10)
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            if m["msg_type"] == "stream":
                texts.append(m["content"]["text"])
            if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                break
        self.assertIn("got 2 3 1", "".join(texts))

    def test_input_without_stdin_is_a_clear_error(self):
        msg_id = self.kc.execute('input("Score? ")', allow_stdin=False)
        reply = self.kc.get_shell_msg(timeout=30)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=30)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("allow_stdin", "\n".join(reply["content"]["traceback"]))

    def test_update_display_data_carries_the_same_display_id(self):
        content, msgs = kf.execute(self.kc, 'var h = display("one"); h.update("two");')
        self.assertEqual(content["status"], "ok")
        shown = [m for m in msgs if m["msg_type"] == "display_data"]
        updated = [m for m in msgs if m["msg_type"] == "update_display_data"]
        self.assertEqual(len(shown), 1)
        self.assertEqual(len(updated), 1)
        self.assertEqual(shown[0]["content"]["transient"]["display_id"], updated[0]["content"]["transient"]["display_id"])
        self.assertEqual(updated[0]["content"]["data"]["text/plain"], "two")
        self.assertFalse([m for m in msgs if m["msg_type"] in ("execute_result", "stream")], "display(x) must not print its id")

    def test_output_streams_while_the_cell_runs(self):
        msg_id = self.kc.execute('System.out.println("early"); Thread.sleep(1500); System.out.println("late");')
        first = None
        while True:
            m = self.kc.get_iopub_msg(timeout=10)
            if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "stream":
                first = m
                break
        self.assertIn("early", first["content"]["text"])
        self.assertNotIn("late", first["content"]["text"], "stdout arrived only at the end of the cell")
        reply = self.kc.get_shell_msg(timeout=30)
        self.assertEqual(reply["content"]["status"], "ok")


def reply_to(kc, msg_id):
    """The shell reply to msg_id (a kernel_info_reply left over from the client's start may come first)."""
    while True:
        reply = kc.get_shell_msg(timeout=10)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


class LifecycleTests(unittest.TestCase):
    def test_restart_gives_a_fresh_session_that_runs_cells(self):
        km, kc, log = kf.start()
        try:
            kf.execute(kc, "int remembered = 7;")
            km.restart_kernel(now=False)
            kc.wait_for_ready(timeout=60)
            content, msgs = kf.execute(kc, "remembered")
            self.assertEqual(content["status"], "error", "a restarted kernel must not remember old variables")
            content, msgs = kf.execute(kc, "3 + 4")
            self.assertEqual(content["status"], "ok")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)

    def test_comm_info_and_kernel_info(self):
        km, kc, log = kf.start()
        try:
            reply = reply_to(kc, kc.comm_info())
            self.assertEqual(reply["content"], {"status": "ok", "comms": {}})
            info = reply_to(kc, kc.kernel_info())["content"]
            self.assertEqual(info["status"], "ok")
            self.assertEqual(info["language_info"]["name"], "java")
            self.assertEqual(info["language_info"]["file_extension"], ".jsh")
            self.assertIn("codemirror_mode", info["language_info"])
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


if __name__ == "__main__":
    unittest.main(verbosity=2)
