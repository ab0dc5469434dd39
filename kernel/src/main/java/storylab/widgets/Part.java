package storylab.widgets;

/** A model a widget is made of: its layout (CSS) or its style (colours, description width). */
final class Part extends Widget {

    private final Module viewModule;

    private Part(String model, String view, Module module, Module viewModule) {
        super(model, view, module);
        this.viewModule = viewModule;
    }

    static Part layout() {
        return new Part("LayoutModel", "LayoutView", Module.BASE, Module.BASE);
    }

    static Part style(String model) {
        var style = new Part(model, "StyleView", Module.CONTROLS, Module.BASE);
        style.set("description_width", "");
        return style;
    }

    @Override
    Module viewModule() {
        return viewModule;
    }
}
