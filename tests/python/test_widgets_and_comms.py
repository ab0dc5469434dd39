"""Comms and widgets over the wire: what JupyterLab 4 / ipywidgets 8 sends and expects (widget protocol 2.1)."""
import unittest

import kernel_fixture as kf

VIEW = "application/vnd.jupyter.widget-view+json"


class CommAndWidgetTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc, cls.log = kf.start()
        kf.execute(cls.kc, "1 + 1")

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)

    def caused_by(self, msg_id):
        """The iopub messages a request caused, up to the kernel's idle."""
        msgs = []
        while True:
            m = self.kc.get_iopub_msg(timeout=30)
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                return msgs
            msgs.append(m)

    def send(self, msg_type, content):
        """Sends a comm message as a front end does; returns (its id, the iopub messages it caused)."""
        msg = self.kc.session.msg(msg_type, content)
        self.kc.shell_channel.send(msg)
        return msg["header"]["msg_id"], self.caused_by(msg["header"]["msg_id"])

    def value_of(self, expr):
        content, msgs = kf.execute(self.kc, expr)
        self.assertEqual(content["status"], "ok", content)
        return [m for m in msgs if m["msg_type"] == "execute_result"][0]["content"]["data"]["text/plain"]

    def show(self, code):
        """Runs code whose value is a widget; returns (model id, {comm id: opened state})."""
        content, msgs = kf.execute(self.kc, code)
        self.assertEqual(content["status"], "ok", content)
        opened = {m["content"]["comm_id"]: m for m in msgs if m["msg_type"] == "comm_open"}
        for m in opened.values():
            self.assertEqual(m["content"]["target_name"], "jupyter.widget")
            self.assertEqual(m["metadata"]["version"], "2.1.0")
        results = [m for m in msgs if m["msg_type"] in ("execute_result", "display_data") and VIEW in m["content"]["data"]]
        self.assertEqual(len(results), 1, [m["msg_type"] for m in msgs])
        spec = results[0]["content"]["data"][VIEW]
        self.assertEqual((spec["version_major"], spec["version_minor"]), (2, 0))
        return spec["model_id"], {k: m["content"]["data"]["state"] for k, m in opened.items()}

    def test_a_slider_opens_its_model_with_layout_and_style_first(self):
        model, states = self.show('var s1 = new IntSlider().range(0, 10).value(3).description("n"); s1')
        state = states[model]
        self.assertEqual(state["_model_name"], "IntSliderModel")
        self.assertEqual(state["_model_module"], "@jupyter-widgets/controls")
        self.assertEqual(state["_model_module_version"], "2.0.0")
        self.assertEqual((state["value"], state["min"], state["max"], state["description"]), (3, 0, 10, "n"))
        layout = states[state["layout"].removeprefix("IPY_MODEL_")]
        style = states[state["style"].removeprefix("IPY_MODEL_")]
        self.assertEqual((layout["_model_name"], layout["_model_module"]), ("LayoutModel", "@jupyter-widgets/base"))
        self.assertEqual((style["_model_name"], style["_view_module"]), ("SliderStyleModel", "@jupyter-widgets/base"))

    def test_a_front_end_update_reaches_java_and_its_callback(self):
        model, _ = self.show('var s2 = new IntSlider().range(0, 10).value(3); s2.onChange(v -> System.out.println("moved to " + v)); s2')
        msg_id, msgs = self.send("comm_msg", {"comm_id": model, "data": {"method": "update", "state": {"value": 7}, "buffer_paths": []}})
        printed = "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream")
        self.assertIn("moved to 7", printed)
        echo = [m for m in msgs if m["msg_type"] == "comm_msg" and m["content"]["data"]["method"] == "echo_update"]
        self.assertEqual(echo[0]["content"]["data"]["state"], {"value": 7})
        self.assertEqual(self.value_of("s2.value()"), "7")

    def test_java_changes_reach_the_front_end_as_updates(self):
        model, _ = self.show("var s3 = new IntSlider(); s3")
        content, msgs = kf.execute(self.kc, "s3.value(42);")
        updates = [m["content"] for m in msgs if m["msg_type"] == "comm_msg"]
        self.assertEqual(updates, [{"comm_id": model, "data": {"method": "update", "state": {"value": 42}, "buffer_paths": []}}])

    def test_request_state_answers_with_the_whole_state(self):
        model, _ = self.show('var t1 = new Text().value("Once upon a time"); t1')
        _, msgs = self.send("comm_msg", {"comm_id": model, "data": {"method": "request_state"}})
        state = [m for m in msgs if m["msg_type"] == "comm_msg"][0]["content"]["data"]["state"]
        self.assertEqual((state["_model_name"], state["value"]), ("TextModel", "Once upon a time"))

    def test_a_wrong_type_or_value_is_rejected_and_the_front_end_set_back(self):
        model, _ = self.show("var s4 = new IntSlider().range(0, 10).value(3); s4")
        for bad in ("abc", 2.5, 99, None):
            _, msgs = self.send("comm_msg", {"comm_id": model, "data": {"method": "update", "state": {"value": bad}, "buffer_paths": []}})
            errors = "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == "stderr")
            self.assertIn("rejected", errors, bad)
            resets = [m["content"]["data"] for m in msgs if m["msg_type"] == "comm_msg"]
            self.assertEqual(resets, [{"method": "update", "state": {"value": 3}, "buffer_paths": []}], bad)
        self.assertEqual(self.value_of("s4.value()"), "3")

    def test_a_button_click_runs_java(self):
        model, _ = self.show('var b1 = new Button("Sample"); b1.onClick(b -> System.out.println("clicked " + b.clicks())); b1')
        _, msgs = self.send("comm_msg", {"comm_id": model, "data": {"method": "custom", "content": {"event": "click"}}})
        self.assertIn("clicked 1", "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream"))

    def test_every_widget_kind_opens_with_its_ipywidgets_8_model(self):
        _, states = self.show('new VBox(new HBox(new FloatSlider(), new Dropdown("a", "b"), new Checkbox()), new Label("hi"), new Output(), new Button("go"), new Text())')
        names = {s["_model_name"] for s in states.values()}
        for name in ("VBoxModel", "HBoxModel", "FloatSliderModel", "DropdownModel", "CheckboxModel", "LabelModel", "OutputModel", "ButtonModel", "TextModel"):
            self.assertIn(name, names)
        output = [s for s in states.values() if s["_model_name"] == "OutputModel"][0]
        self.assertEqual((output["_model_module"], output["_model_module_version"]), ("@jupyter-widgets/output", "1.0.0"))

    def test_comm_info_lists_open_comms_filtered_by_target(self):
        model, states = self.show("new Checkbox()")
        self.kc.comm_info(target_name="jupyter.widget")
        reply = self.kc.get_shell_msg(timeout=10)["content"]
        self.assertEqual(reply["status"], "ok")
        for comm_id in states:
            self.assertEqual(reply["comms"][comm_id], {"target_name": "jupyter.widget"})
        self.kc.comm_info(target_name="no.such.target")
        self.assertEqual(self.kc.get_shell_msg(timeout=10)["content"]["comms"], {})

    def test_unknown_target_is_closed_and_unknown_comm_reported(self):
        _, msgs = self.send("comm_open", {"comm_id": "c-unknown", "target_name": "no.such.target", "data": {}})
        self.assertEqual([m["content"]["comm_id"] for m in msgs if m["msg_type"] == "comm_close"], ["c-unknown"])
        _, msgs = self.send("comm_msg", {"comm_id": "c-never-opened", "data": {"method": "update", "state": {"value": 1}}})
        self.assertIn("not open", "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream"))
        self.assertEqual(self.value_of("1 + 1"), "2")

    def test_a_closed_comm_takes_no_more_messages(self):
        model, _ = self.show("var s5 = new IntSlider(); s5")
        self.send("comm_close", {"comm_id": model, "data": {}})
        _, msgs = self.send("comm_msg", {"comm_id": model, "data": {"method": "update", "state": {"value": 5}}})
        self.assertIn("not open", "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream"))
        self.assertEqual(self.value_of("s5.value()"), "0")

    def test_the_control_comm_sends_every_widget_state(self):
        model, _ = self.show("new IntSlider().value(11)")
        self.send("comm_open", {"comm_id": "ctl-1", "target_name": "jupyter.widget.control", "data": {}})
        _, msgs = self.send("comm_msg", {"comm_id": "ctl-1", "data": {"method": "request_states"}})
        data = [m for m in msgs if m["msg_type"] == "comm_msg"][0]["content"]["data"]
        self.assertEqual(data["method"], "update_states")
        self.assertEqual(data["states"][model]["model_name"], "IntSliderModel")
        self.assertEqual(data["states"][model]["state"]["value"], 11)

    def test_interact_reruns_the_function_into_its_output_area(self):
        code = 'interact(v -> "temperature " + v.number("temperature"), Control.slider("temperature", 0.1, 2.0, 0.1, 0.8));'
        msg_id = self.kc.execute(code)
        msgs = self.caused_by(msg_id)
        opened = {m["content"]["comm_id"]: m["content"]["data"]["state"] for m in msgs if m["msg_type"] == "comm_open"}
        slider = [k for k, s in opened.items() if s["_model_name"] == "FloatSliderModel"][0]
        output = [k for k, s in opened.items() if s["_model_name"] == "OutputModel"][0]
        self.assertEqual(opened[slider]["value"], 0.8)
        self.assertFalse(opened[slider]["continuous_update"])
        captures = [m["content"]["data"]["state"]["msg_id"] for m in msgs
                    if m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == output]
        self.assertEqual(captures, [msg_id, ""], "the output area must capture the run, then let go")
        shown = [m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "display_data"]
        self.assertIn("temperature 0.8", shown)

        moved, msgs = self.send("comm_msg", {"comm_id": slider, "data": {"method": "update", "state": {"value": 1.5}, "buffer_paths": []}})
        captures = [m["content"]["data"]["state"]["msg_id"] for m in msgs
                    if m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == output and m["content"]["data"]["method"] == "update"]
        self.assertEqual(captures, [moved, ""])
        self.assertIn("clear_output", [m["msg_type"] for m in msgs])
        self.assertIn("temperature 1.5", [m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "display_data"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
