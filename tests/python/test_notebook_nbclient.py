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

    def test_widget_state_is_saved_so_the_exported_notebook_still_shows_the_slider(self):
        state = self.nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]
        self.assertEqual((state["version_major"], state["version_minor"]), (2, 0))
        models = state["state"]
        slider = [m for m in models.values() if m["model_name"] == "FloatSliderModel"][0]
        self.assertEqual(slider["model_module"], "@jupyter-widgets/controls")
        self.assertEqual((slider["state"]["description"], slider["state"]["value"]), ("temperature", 0.7))
        output = [m for m in models.values() if m["model_name"] == "OutputModel"][0]
        captured = [o["data"]["text/plain"] for o in output["state"]["outputs"] if "data" in o]
        self.assertTrue(captured and captured[-1].startswith("T = 0.7: One"), captured)
        views = [o["data"]["application/vnd.jupyter.widget-view+json"]["model_id"] for o in self.outputs
                 if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
        self.assertEqual(len(views), 1)
        self.assertEqual(models[views[0]]["model_name"], "VBoxModel")

    def test_no_errors(self):
        self.assertFalse([o for o in self.outputs if o.output_type == "error"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
