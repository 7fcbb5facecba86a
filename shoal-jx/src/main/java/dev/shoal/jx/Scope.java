package dev.shoal.jx;

import java.util.Map;

/**
 * Names visible during evaluation: a map of bindings over an optional enclosing scope.
 * Comprehension variables and the fields of the item under test in {@code select()} shadow outer
 * names without copying them.
 */
record Scope(Map<String, JxValue> vars, Scope parent) {

  static Scope of(Map<String, JxValue> vars) {
    return new Scope(vars, null);
  }

  Scope with(String name, JxValue value) {
    return new Scope(Map.of(name, value), this);
  }

  Scope with(Map<String, JxValue> more) {
    return new Scope(more, this);
  }

  /** The innermost binding of {@code name}, or {@code null}. */
  JxValue lookup(String name) {
    for (Scope s = this; s != null; s = s.parent) {
      JxValue v = s.vars.get(name);
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
