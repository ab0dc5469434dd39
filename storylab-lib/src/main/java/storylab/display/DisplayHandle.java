package storylab.display;

/**
 * What {@code display(obj)} returns: the id of the shown output, to replace it in place later with
 * {@link #update}. A cell whose value is a handle shows nothing more (the object is already on screen).
 */
public record DisplayHandle(String id) {

    /** Replaces the displayed object with {@code obj}, in place. */
    public DisplayHandle update(Object obj) {
        Display.update(id, obj);
        return this;
    }
}
