package dev.imagestreams.testinfra.registry;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Byte-for-byte reproducible tar and gzip encoders: the same entries always give the same bytes, on
 * every JDK and zlib, because the tar headers use fixed metadata and the gzip stream uses stored
 * (uncompressed) deflate blocks.
 */
final class Archives {

  /** 2024-01-01T00:00:00Z, the modification time of every entry. */
  static final long MTIME = 1_704_067_200L;

  private static final int BLOCK = 512;
  private static final int MAX_STORED_BLOCK = 65_535;

  private Archives() {}

  /** A tar entry: a directory when {@code content} is {@code null}. */
  record Entry(String name, int mode, byte[] content) {

    static Entry directory(String name) {
      return new Entry(name.endsWith("/") ? name : name + "/", 0755, null);
    }

    static Entry file(String name, int mode, String content) {
      return new Entry(name, mode, content.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * A ustar archive of the entries, in the given order, owned by root, with mtime {@link #MTIME}.
   */
  static byte[] tar(List<Entry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Entry entry : entries) {
      byte[] content = entry.content() == null ? new byte[0] : entry.content();
      out.writeBytes(header(entry, content.length));
      out.writeBytes(content);
      out.writeBytes(new byte[padding(content.length)]);
    }
    out.writeBytes(new byte[2 * BLOCK]);
    return out.toByteArray();
  }

  /** A gzip member with a fixed header (no name, mtime 0, OS unknown) and stored deflate blocks. */
  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 64);
    out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 255});
    int offset = 0;
    do {
      int length = Math.min(MAX_STORED_BLOCK, data.length - offset);
      boolean last = offset + length == data.length;
      out.write(last ? 1 : 0);
      out.write(length & 0xff);
      out.write(length >>> 8);
      out.write(~length & 0xff);
      out.write((~length >>> 8) & 0xff);
      out.write(data, offset, length);
      offset += length;
    } while (offset < data.length);
    CRC32 crc = new CRC32();
    crc.update(data);
    writeLittleEndian(out, crc.getValue());
    writeLittleEndian(out, data.length & 0xffffffffL);
    return out.toByteArray();
  }

  private static byte[] header(Entry entry, int size) {
    byte[] header = new byte[BLOCK];
    List<String> nameParts = splitName(entry.name());
    put(header, 0, 100, nameParts.get(1));
    octal(header, 100, 8, entry.mode());
    octal(header, 108, 8, 0);
    octal(header, 116, 8, 0);
    octal(header, 124, 12, size);
    octal(header, 136, 12, MTIME);
    header[156] = (byte) (entry.content() == null ? '5' : '0');
    put(header, 257, 6, "ustar");
    put(header, 263, 2, "00");
    put(header, 265, 32, "root");
    put(header, 297, 32, "root");
    octal(header, 329, 8, 0);
    octal(header, 337, 8, 0);
    put(header, 345, 155, nameParts.get(0));
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    long checksum = 0;
    for (byte b : header) {
      checksum += b & 0xff;
    }
    String digits = String.format("%06o", checksum);
    put(header, 148, 6, digits);
    header[154] = 0;
    header[155] = ' ';
    return header;
  }

  /** Splits a long name into ustar prefix and name. */
  private static List<String> splitName(String name) {
    if (name.getBytes(StandardCharsets.UTF_8).length <= 100) {
      return List.of("", name);
    }
    int slash = name.lastIndexOf('/', name.length() - 2);
    while (slash > 0 && (slash > 155 || name.length() - slash - 1 > 100)) {
      slash = name.lastIndexOf('/', slash - 1);
    }
    if (slash <= 0) {
      throw new IllegalArgumentException("tar entry name too long: " + name);
    }
    List<String> parts = new ArrayList<>(2);
    parts.add(name.substring(0, slash));
    parts.add(name.substring(slash + 1));
    return parts;
  }

  private static void put(byte[] header, int offset, int length, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > length) {
      throw new IllegalArgumentException("tar header field too long: " + value);
    }
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }

  /** An octal number, zero-padded, NUL-terminated. */
  private static void octal(byte[] header, int offset, int length, long value) {
    String digits = Long.toOctalString(value);
    put(header, offset, length - 1, "0".repeat(length - 1 - digits.length()) + digits);
  }

  private static int padding(int size) {
    return (BLOCK - size % BLOCK) % BLOCK;
  }

  private static void writeLittleEndian(ByteArrayOutputStream out, long value) {
    for (int i = 0; i < 4; i++) {
      out.write((int) (value >>> (8 * i)) & 0xff);
    }
  }
}
