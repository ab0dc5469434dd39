package storylab.kernel;

import com.google.gson.JsonElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Gson trees (how the protocol base hands over comm data) as plain Java maps, lists, strings, numbers. */
final class Json {

    private Json() {}

    static Map<String, Object> map(JsonElement e) {
        if (e == null || e.isJsonNull()) return new LinkedHashMap<>();
        if (!e.isJsonObject()) throw new IllegalArgumentException("expected a JSON object, got " + e);
        @SuppressWarnings("unchecked")
        var m = (Map<String, Object>) java(e);
        return m;
    }

    /** Whole numbers become Long, others Double, so widgets can tell 3 from 3.5. */
    static Object java(JsonElement e) {
        if (e == null || e.isJsonNull()) return null;
        if (e.isJsonObject()) {
            var m = new LinkedHashMap<String, Object>();
            for (var entry : e.getAsJsonObject().entrySet()) m.put(entry.getKey(), java(entry.getValue()));
            return m;
        }
        if (e.isJsonArray()) {
            List<Object> l = new ArrayList<>();
            for (var x : e.getAsJsonArray()) l.add(java(x));
            return l;
        }
        var p = e.getAsJsonPrimitive();
        if (p.isBoolean()) return p.getAsBoolean();
        if (p.isString()) return p.getAsString();
        var n = new java.math.BigDecimal(p.getAsString());
        try {
            return n.longValueExact();
        } catch (ArithmeticException notWhole) {
            return n.doubleValue();
        }
    }
}
