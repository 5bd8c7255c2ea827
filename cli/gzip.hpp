// gzip for the workspace files the page exports: the page compresses large exports, so the CLI
// recognises the gzip magic bytes and inflates them, and can write a compressed file back.
// Native only: the wasm build never links zlib.
#pragma once
#include <string>
#include <string_view>

namespace mlplay {

// True when the bytes start with the gzip magic number 1f 8b.
bool is_gzip(std::string_view bytes);

// The inflated bytes of one or more concatenated gzip members. Throws mlcore::Error
// (gzip.corrupt) saying whether the data ends early or is damaged.
std::string gunzip(std::string_view bytes);

// One gzip member holding `bytes`, at the default compression level.
std::string gzip(std::string_view bytes);

}  // namespace mlplay
