package dev.shoal.cli;

/** Entry point of the shoal jar. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("shoal");
  }
}
