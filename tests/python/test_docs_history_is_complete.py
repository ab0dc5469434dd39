"""Documentation in inspect and the pager, history that survives a restart, and is_complete, over the wire."""
import unittest

import kernel_fixture as kf


def is_complete(kc, code):
    kc.is_complete(code)
    return kc.get_shell_msg(timeout=30)["content"]


class DocsAndIsCompleteTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc, cls.log = kf.start()
        kf.execute(cls.kc, "1 + 1")

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)

    def test_code_that_cannot_parse_is_invalid_as_ipykernel_answers(self):
        for code in ("int 3x = 5;", "1 +* 2", "x y z", "int x = 3 3;", "}"):
            self.assertEqual(is_complete(self.kc, code)["status"], "invalid", code)
        self.assertEqual(is_complete(self.kc, "notDeclaredYet(1)")["status"], "complete")

    def test_an_open_block_is_incomplete_with_the_next_lines_indent(self):
        reply = is_complete(self.kc, "for (int i = 0; i < 3; i++) {")
        self.assertEqual((reply["status"], reply["indent"]), ("incomplete", "    "))
        reply = is_complete(self.kc, "void f() {\n    if (true) {")
        self.assertEqual((reply["status"], reply["indent"]), ("incomplete", "        "))

    def test_the_pager_shows_a_lab_class_comment_and_its_public_methods(self):
        content, _ = kf.execute(self.kc, "?Pretrain")
        page = content["payload"][0]["data"]["text/plain"]
        self.assertIn("Pretraining as one fluent sentence", page)
        self.assertIn("static Pretrain of(Gpt model, Tokenizer tokenizer, Corpus corpus)", page)
        self.assertIn("Continues from a checkpoint folder", page)

    def test_shift_tab_on_a_method_shows_its_doc(self):
        code = "Lab.runs"
        self.kc.inspect(code, len(code), 0)
        reply = self.kc.get_shell_msg(timeout=30)["content"]
        self.assertTrue(reply["found"])
        self.assertIn("A run folder", reply["data"]["text/plain"])

    def test_the_jdks_javadoc_shows_when_its_sources_are_installed(self):
        _, msgs = kf.execute(self.kc, 'Files.isReadable(Path.of(System.getProperty("java.home"), "lib", "src.zip"))')
        if [m for m in msgs if m["msg_type"] == "execute_result"][0]["content"]["data"]["text/plain"] != "true":
            self.skipTest("the kernel's JDK has no lib/src.zip (Debian: apt-get install openjdk-17-source)")
        code = "Math.max"
        self.kc.inspect(code, len(code), 0)
        text = self.kc.get_shell_msg(timeout=30)["content"]["data"]["text/plain"]
        self.assertIn("Returns the greater of two int values", text)


class MavenMagicTests(unittest.TestCase):
    def test_bad_maven_coordinates_are_a_clear_error_and_the_kernel_carries_on(self):
        km, kc, log = kf.start()
        try:
            content, _ = kf.execute(kc, "%maven just-a-name")
            self.assertEqual(content["status"], "error")
            self.assertIn("is not group:artifact:version", "\n".join(content["traceback"]))
            content, _ = kf.execute(kc, "1 + 1")
            self.assertEqual(content["status"], "ok")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


class HistoryTests(unittest.TestCase):
    def test_history_survives_a_restart_with_tail_range_and_search(self):
        km, kc, log = kf.start()
        try:
            kf.execute(kc, "int remembered = 6 * 7;")
            kf.execute(kc, 'String storyTitle = "The Brave Little Fox";')
            km.restart_kernel(now=False)
            kc.wait_for_ready(timeout=60)
            kf.execute(kc, "3 + 4")
            kc.history(hist_access_type="tail", n=3, output=False, raw=True)
            tail = kc.get_shell_msg(timeout=30)["content"]["history"]
            self.assertEqual([row[2] for row in tail], ["int remembered = 6 * 7;", 'String storyTitle = "The Brave Little Fox";', "3 + 4"])
            sessions = [row[0] for row in tail]
            self.assertEqual(sessions[0], sessions[1])
            self.assertEqual(sessions[2], sessions[0] + 1, "a restart starts a new session")
            kc.history(hist_access_type="range", session=-1, start=1, stop=0, output=False, raw=True)
            previous = kc.get_shell_msg(timeout=30)["content"]["history"]
            self.assertIn("int remembered = 6 * 7;", [row[2] for row in previous])
            kc.history(hist_access_type="search", pattern="*Brave*", n=10, unique=True, output=False, raw=True)
            found = kc.get_shell_msg(timeout=30)["content"]["history"]
            self.assertEqual([row[2] for row in found], ['String storyTitle = "The Brave Little Fox";'])
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


if __name__ == "__main__":
    unittest.main(verbosity=2)
