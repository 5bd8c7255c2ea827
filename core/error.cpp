// Helpers shared by every error site in the core.
#include "error.hpp"

namespace mlcore {

std::string excerpt_of(std::string_view text, std::size_t max_chars) {
  if (text.size() <= max_chars) return std::string(text);
  // Do not cut inside a UTF-8 sequence: back up to a lead byte.
  std::size_t cut = max_chars;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "...";
}

}  // namespace mlcore
