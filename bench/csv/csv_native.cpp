// bench/csv, native half: writes the deterministic 1,000,000 x 10 CSV (when absent) and times the
// native core parsing it to typed columns. Prints one JSON line for bench/csv/run.mjs.
//   bench_csv FILE [ROWS]
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/data/csv_reader.hpp"
#include "core/data/csv_writer.hpp"
#include "core/data/generators.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: bench_csv FILE [ROWS]\n";
    return 2;
  }
  const std::string path = argv[1];
  const std::size_t rows = argc > 2 ? std::stoul(argv[2]) : 1000000;
  if (!std::ifstream(path).good()) {
    std::ofstream(path, std::ios::binary) << mlcore::data::write_csv(mlcore::data::make_csv_bench_table(rows, 42));
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  double best = 1e9;
  std::size_t parsed_rows = 0;
  for (int rep = 0; rep < 3; ++rep) {
    auto t0 = std::chrono::steady_clock::now();
    // Fed in 4 MB chunks, exactly as the page's worker feeds the wasm core.
    mlcore::data::CsvReader reader;
    for (std::size_t off = 0; off < text.size(); off += 4 << 20)
      reader.feed(text.data() + off, std::min<std::size_t>(4 << 20, text.size() - off));
    auto result = reader.finish();
    auto t1 = std::chrono::steady_clock::now();
    parsed_rows = result.table.rows();
    best = std::min(best, std::chrono::duration<double>(t1 - t0).count());
  }
  std::cout << "{\"bytes\":" << text.size() << ",\"rows\":" << parsed_rows << ",\"seconds\":" << best << "}\n";
  return 0;
}
