package dev.shoal.lang.model;

import java.util.Map;
import java.util.Objects;

/**
 * A category of rules: resources and environment shared by every rule in it.
 *
 * @param name the category name; {@code "default"} for rules that name none
 * @param resources the category's request as written (fields {@link Resources#UNSET} if not given)
 * @param mode the allocation mode, {@code null} when the workflow did not set one
 * @param environment variables exported to the category's tasks, in addition to the global ones
 * @param umbrellaSpec the {@code .UMBRELLA SPEC} file of the category, or {@code null}
 */
public record Category(
    String name,
    Resources resources,
    AllocationMode mode,
    Map<String, String> environment,
    String umbrellaSpec) {

  public static final String DEFAULT = "default";

  public Category {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(resources, "resources");
    environment = Map.copyOf(environment);
  }

  /** A category without an umbrella spec. */
  public Category(
      String name, Resources resources, AllocationMode mode, Map<String, String> environment) {
    this(name, resources, mode, environment, null);
  }
}
