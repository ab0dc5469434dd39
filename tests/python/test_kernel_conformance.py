"""Jupyter's own kernel tester against the installed StoryLab kernel.

Run by tests/src/test/java/storylab/it/KernelConformanceIT.java, which installs the kernelspec into a
temporary prefix and points JUPYTER_PATH at it. Every sample the tester supports is filled in.
"""
import unittest

import jupyter_kernel_test


class StoryLabKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "storylab"
    language_name = "java"
    file_extension = ".jsh"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("oops");'

    completion_samples = [
        {"text": "Math.ab", "matches": {"abs(", "absExact("}},
        {"text": "Integer.MAX_VA", "matches": {"MAX_VALUE"}},
    ]

    complete_code_samples = ["1 + 1", "int x = 3;", "void f() { }", "for (int i = 0; i < 3; i++) { }", ""]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "void f() {", "int x = ("]
    invalid_code_samples = ["int x = ;", "}", "1 + 1)"]

    code_page_something = "?Math.max"

    code_generate_error = 'throw new IllegalStateException("boom");'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"story".toUpperCase()', "result": "STORY"},
        {"code": "Table.create(\"t\", IntColumn.create(\"n\", 1, 2))", "mime": "text/html"},
    ]

    code_display_data = [
        {"code": 'display(Table.create("t", IntColumn.create("n", 1, 2)));', "mime": "text/html"},
        {"code": 'display(new XYChart(300, 200));', "mime": "image/png"},
    ]

    code_history_pattern = "6 * 7"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"

    code_clear_output = "clearOutput();"


if __name__ == "__main__":
    unittest.main(verbosity=2)
