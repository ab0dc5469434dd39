package storylab.display;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A sink that remembers everything it was given, for tests and for inspecting a run afterwards. */
public final class RecordingSink implements DisplaySink {

    /** One call, in order: kind is display, update, clear or progress. */
    public record Event(String kind, String displayId, MimeBundle bundle, Progress progress) {}

    private final List<Event> events = new ArrayList<>();
    private final Map<String, MimeBundle> current = new LinkedHashMap<>();
    private final Deque<String> answers = new ArrayDeque<>();
    private int next;

    /** Queues answers for {@link #ask}, in order. */
    public RecordingSink answering(String... replies) {
        answers.addAll(List.of(replies));
        return this;
    }

    @Override
    public synchronized String display(MimeBundle bundle) {
        String id = "rec-" + (++next);
        events.add(new Event("display", id, bundle, null));
        current.put(id, bundle);
        return id;
    }

    @Override
    public synchronized void update(String displayId, MimeBundle bundle) {
        events.add(new Event("update", displayId, bundle, null));
        current.put(displayId, bundle);
    }

    @Override
    public synchronized void clearOutput(boolean wait) {
        events.add(new Event("clear", null, null, null));
    }

    @Override
    public synchronized String ask(String prompt, boolean password) {
        if (answers.isEmpty()) throw new IllegalStateException("RecordingSink has no answer queued for: " + prompt);
        return answers.poll();
    }

    @Override
    public synchronized void progress(Progress progress) {
        events.add(new Event("progress", null, null, progress));
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** What each display id shows now, after all updates. */
    public synchronized Map<String, MimeBundle> current() {
        return Map.copyOf(current);
    }
}
