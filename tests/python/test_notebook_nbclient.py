"""The quick-start notebook executed through the real kernel by nbclient, as JupyterLab would run it."""
import os
import unittest

import nbformat
from nbclient import NotebookClient

HERE = os.path.dirname(os.path.abspath(__file__))
NOTEBOOKS = os.path.join(HERE, "..", "..", "notebooks")


class QuickstartThroughKernel(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        path = os.path.join(NOTEBOOKS, "00-quickstart.ipynb")
        cls.nb = nbformat.read(path, as_version=4)
        NotebookClient(cls.nb, kernel_name="storylab", timeout=180,
                       resources={"metadata": {"path": NOTEBOOKS}}).execute()
        nbformat.validate(cls.nb)
        cls.outputs = [o for c in cls.nb.cells if c.cell_type == "code" for o in c.outputs]

    def test_chart_is_an_inline_png(self):
        pngs = [o for o in self.outputs if "image/png" in o.get("data", {})]
        self.assertGreaterEqual(len(pngs), 2)

    def test_table_is_html(self):
        html = [o for o in self.outputs if "text/html" in o.get("data", {})]
        self.assertTrue(any("The Brave Little Fox" in o["data"]["text/html"] for o in html))

    def test_display_updated_in_place_shows_its_last_value(self):
        texts = [o["data"]["text/plain"] for o in self.outputs if o.output_type == "display_data"]
        self.assertIn("finished: 5 of 5 steps", texts)
        self.assertNotIn("waiting…", texts)
        self.assertIn('XYChart "Live: step 5" 520x300', texts)

    def test_no_errors(self):
        self.assertFalse([o for o in self.outputs if o.output_type == "error"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
