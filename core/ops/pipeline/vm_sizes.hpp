// The simulated cloud's VM sizes for compute clusters: cores per node, the quota family and a
// price per node-hour. The prices are Azure's pay-as-you-go Linux list prices for East US,
// rounded to the cent fraction shown (USD per node-hour), written down here once so every cost
// the playground shows can be checked by hand:
//
//   size                cores  family   USD/hour
//   STANDARD_DS1_V2       1    DSv2      0.073
//   STANDARD_DS2_V2       2    DSv2      0.146
//   STANDARD_DS3_V2       4    DSv2      0.293
//   STANDARD_DS4_V2       8    DSv2      0.585
//   STANDARD_D2S_V3       2    DSv3      0.096
//   STANDARD_D4S_V3       4    DSv3      0.192
//   STANDARD_F4S_V2       4    FSv2      0.169
//   STANDARD_NC6          6    NC        0.900   (GPU: K80)
//   STANDARD_NC6S_V3      6    NCSv3     3.060   (GPU: V100)
//
// Quotas are per family and region, as in Azure: 10 cores for CPU families and 0 for GPU
// families (a new subscription must ask for GPU quota), 0 for every family under the
// compute_quota failure.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace mlcore::ops {

struct VmSize {
  std::string name;  // upper case, e.g. STANDARD_DS2_V2
  int cores = 0;
  std::string family;
  double price_per_hour = 0;  // USD per node-hour
  bool gpu = false;
};

inline constexpr int kCpuCoreQuota = 10;
inline constexpr int kGpuCoreQuota = 0;

const std::vector<VmSize>& vm_sizes();
// Case-insensitive (Standard_DS2_v2 works); nullptr when unknown.
const VmSize* find_vm_size(std::string_view name);
// "STANDARD_DS1_V2, STANDARD_DS2_V2, ..." for messages.
std::string vm_size_names();
// The family's core quota in a region (the same in every simulated region).
int core_quota(const VmSize& size);

}  // namespace mlcore::ops
