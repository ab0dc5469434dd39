package storylab.display;

/**
 * A lab object that knows how it looks in a notebook. Implement {@link #toMimeBundle()}; the kernel, the
 * headless runner and {@link Display#show} all use it.
 */
public interface Displayable {
    MimeBundle toMimeBundle();
}
