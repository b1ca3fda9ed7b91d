package dev.imagestreams.plugin.output;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Byte sizes as {@code oc describe} prints them (Docker's go-units, decimal): "251.2MB". */
public final class Sizes {
  private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};

  private Sizes() {}

  /** Four significant digits, trailing zeros dropped, in powers of 1000. */
  public static String human(long bytes) {
    double size = bytes;
    int unit = 0;
    while (size >= 1000 && unit < UNITS.length - 1) {
      size /= 1000;
      unit++;
    }
    BigDecimal rounded =
        new BigDecimal(size).round(new MathContext(4, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    return rounded.toPlainString() + UNITS[unit];
  }
}
