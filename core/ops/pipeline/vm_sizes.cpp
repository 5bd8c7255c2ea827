// The VM size table (see vm_sizes.hpp for the prices and where they come from).
#include "vm_sizes.hpp"

#include <cctype>

namespace mlcore::ops {

const std::vector<VmSize>& vm_sizes() {
  static const std::vector<VmSize> sizes = {
      {"STANDARD_DS1_V2", 1, "DSv2", 0.073, false}, {"STANDARD_DS2_V2", 2, "DSv2", 0.146, false},
      {"STANDARD_DS3_V2", 4, "DSv2", 0.293, false}, {"STANDARD_DS4_V2", 8, "DSv2", 0.585, false},
      {"STANDARD_D2S_V3", 2, "DSv3", 0.096, false}, {"STANDARD_D4S_V3", 4, "DSv3", 0.192, false},
      {"STANDARD_F4S_V2", 4, "FSv2", 0.169, false}, {"STANDARD_NC6", 6, "NC", 0.900, true},
      {"STANDARD_NC6S_V3", 6, "NCSv3", 3.060, true},
  };
  return sizes;
}

const VmSize* find_vm_size(std::string_view name) {
  std::string upper(name);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const VmSize& s : vm_sizes())
    if (s.name == upper) return &s;
  return nullptr;
}

std::string vm_size_names() {
  std::string out;
  for (const VmSize& s : vm_sizes()) out += (out.empty() ? "" : ", ") + s.name;
  return out;
}

int core_quota(const VmSize& size) { return size.gpu ? kGpuCoreQuota : kCpuCoreQuota; }

}  // namespace mlcore::ops
