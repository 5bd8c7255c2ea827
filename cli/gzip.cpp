// See gzip.hpp. zlib's streaming API, so inputs of any size (zlib counts in 32-bit uInt) work.
#include "gzip.hpp"

#include <algorithm>
#include <climits>

#include <zlib.h>

#include "core/error.hpp"

namespace mlplay {
namespace {

[[noreturn]] void corrupt(const std::string& why) {
  throw mlcore::Error("gzip.corrupt", "The gzip-compressed data " + why);
}

// zlib takes at most UINT_MAX bytes per call; feed big inputs in slices.
uInt slice(std::size_t left) { return static_cast<uInt>(std::min<std::size_t>(left, UINT_MAX)); }

}  // namespace

bool is_gzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

std::string gunzip(std::string_view bytes) {
  z_stream z{};
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) corrupt("cannot be read: zlib did not start.");
  std::string out;
  char buf[1 << 16];
  const auto* next = reinterpret_cast<const Bytef*>(bytes.data());
  std::size_t left = bytes.size();
  int rc = Z_OK;
  while (true) {
    if (z.avail_in == 0 && left > 0) {
      z.next_in = const_cast<Bytef*>(next);
      z.avail_in = slice(left);
      next += z.avail_in;
      left -= z.avail_in;
    }
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
    if (rc == Z_STREAM_END) {
      // Another member may follow (as `cat a.gz b.gz` makes); anything else after it is damage.
      if (z.avail_in == 0 && left == 0) break;
      if (z.avail_in < 2 || z.next_in[0] != 0x1f || z.next_in[1] != 0x8b) {
        inflateEnd(&z);
        corrupt("has bytes after its end that are not another gzip member.");
      }
      inflateReset(&z);
      continue;
    }
    if (rc == Z_BUF_ERROR && z.avail_in == 0 && left == 0) {
      inflateEnd(&z);
      corrupt("ends early, after " + std::to_string(bytes.size()) +
              " bytes (a download or copy was cut short).");
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      const std::string msg = z.msg ? z.msg : "unknown zlib error";
      inflateEnd(&z);
      corrupt("is damaged (" + msg + ").");
    }
  }
  inflateEnd(&z);
  return out;
}

std::string gzip(std::string_view bytes) {
  z_stream z{};
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw mlcore::Error("gzip.failed", "zlib could not start compressing.");
  std::string out;
  char buf[1 << 16];
  const auto* next = reinterpret_cast<const Bytef*>(bytes.data());
  std::size_t left = bytes.size();
  int rc = Z_OK;
  do {
    if (z.avail_in == 0 && left > 0) {
      z.next_in = const_cast<Bytef*>(next);
      z.avail_in = slice(left);
      next += z.avail_in;
      left -= z.avail_in;
    }
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = deflate(&z, left == 0 && z.avail_in == 0 ? Z_FINISH : Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
  } while (rc != Z_STREAM_END);
  deflateEnd(&z);
  return out;
}

}  // namespace mlplay
