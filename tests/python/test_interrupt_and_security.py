"""Interrupting cells through the control channel, and refusing messages with a bad signature."""
import os
import tempfile
import time
import unittest
from queue import Empty

from jupyter_client.session import Session

import kernel_fixture as kf


class InterruptTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc, cls.log = kf.start()
        cls.pid = cls.km.provisioner.process.pid
        kf.execute(cls.kc, "1 + 1")  # wait until JShell is warm

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)

    def interrupt_case(self, code):
        msg_id = self.kc.execute(code)
        time.sleep(1.0)  # let the cell get going
        t0 = time.monotonic()
        self.km.interrupt_kernel()
        reply = self.kc.get_shell_msg(timeout=10)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=10)
        elapsed = time.monotonic() - t0
        self.assertEqual(reply["content"]["status"], "error", reply["content"])
        self.assertLess(elapsed, 2.0, f"error reply took {elapsed:.2f}s")
        # the next cell runs
        content, msgs = kf.execute(self.kc, "6 * 7")
        self.assertEqual(content["status"], "ok")
        results = [m for m in msgs if m["msg_type"] == "execute_result"]
        self.assertEqual(results[0]["content"]["data"]["text/plain"], "42")
        # and the kernel goes back to idle: under 15% of one core over a two-second window, within 6 s
        # (the JIT may still be compiling just after the cell; a spinning thread would hold ~100% throughout)
        used = []
        for _ in range(3):
            c0 = kf.cpu_seconds(self.pid)
            time.sleep(2.0)
            used.append((kf.cpu_seconds(self.pid) - c0) / 2.0)
            if used[-1] < 0.15:
                break
        self.assertLess(used[-1], 0.15, f"kernel still uses {used} of a core after the interrupt")
        return elapsed

    def test_busy_loop_is_stopped(self):
        self.interrupt_case("while (true) { }")

    def test_sleep_is_interrupted(self):
        self.interrupt_case("Thread.sleep(60_000);")

    def test_loop_checking_interrupted_flag_ends_with_an_error(self):
        self.interrupt_case("long n = 0; while (!Thread.interrupted()) { n++; }")


class SignatureTests(unittest.TestCase):
    def test_message_with_bad_signature_is_dropped_and_logged(self):
        km, kc, log = kf.start()
        try:
            kf.execute(kc, "1 + 1")
            marker = os.path.join(tempfile.mkdtemp(), "pwned")
            code = f'java.nio.file.Files.writeString(java.nio.file.Path.of("{marker}"), "x");'
            forger = Session(key=b"not-the-connection-key", username="attacker")
            forger.send(kc.shell_channel.socket, "execute_request",
                        content={"code": code, "silent": False, "store_history": True,
                                 "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
            with self.assertRaises(Empty):
                kc.get_shell_msg(timeout=2)
            self.assertFalse(os.path.exists(marker), "a forged message was executed")
            # the kernel still serves properly signed requests
            content, _ = kf.execute(kc, '"still here"')
            self.assertEqual(content["status"], "ok")
            with open(log) as f:
                self.assertIn("HMAC signature", f.read())
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


if __name__ == "__main__":
    unittest.main(verbosity=2)
