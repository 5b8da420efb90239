// The part of NVML's C ABI that Sietch calls, declared here so that nothing is linked against the
// driver or CUDA: the library is opened at run time (nvml-library.cc). Values are those of NVML's
// public API reference (docs.nvidia.com/deploy/nvml-api); each is stable across driver releases,
// which is what lets one build talk to drivers from R418 to today. The mock library under
// test/nvml-mock/ includes this same header, so both sides agree by construction.
#ifndef SIETCH_NVML_API_H
#define SIETCH_NVML_API_H

#ifdef __cplusplus
extern "C" {
#endif

typedef int nvmlReturn_t;
typedef struct nvmlDevice_opaque* nvmlDevice_t;

enum {
  NVML_SUCCESS = 0,
  NVML_ERROR_UNINITIALIZED = 1,
  NVML_ERROR_INVALID_ARGUMENT = 2,
  NVML_ERROR_NOT_SUPPORTED = 3,
  NVML_ERROR_NO_PERMISSION = 4,
  NVML_ERROR_ALREADY_INITIALIZED = 5,
  NVML_ERROR_NOT_FOUND = 6,
  NVML_ERROR_INSUFFICIENT_SIZE = 7,
  NVML_ERROR_INSUFFICIENT_POWER = 8,
  NVML_ERROR_DRIVER_NOT_LOADED = 9,
  NVML_ERROR_TIMEOUT = 10,
  NVML_ERROR_IRQ_ISSUE = 11,
  NVML_ERROR_LIBRARY_NOT_FOUND = 12,
  NVML_ERROR_FUNCTION_NOT_FOUND = 13,
  NVML_ERROR_CORRUPTED_INFOROM = 14,
  NVML_ERROR_GPU_IS_LOST = 15,
  NVML_ERROR_RESET_REQUIRED = 16,
  NVML_ERROR_OPERATING_SYSTEM = 17,
  NVML_ERROR_LIB_RM_VERSION_MISMATCH = 18,
  NVML_ERROR_IN_USE = 19,
  NVML_ERROR_MEMORY = 20,
  NVML_ERROR_NO_DATA = 21,
  NVML_ERROR_VGPU_ECC_NOT_SUPPORTED = 22,
  NVML_ERROR_INSUFFICIENT_RESOURCES = 23,
  NVML_ERROR_FREQ_NOT_SUPPORTED = 24,
  NVML_ERROR_ARGUMENT_VERSION_MISMATCH = 25,
  NVML_ERROR_DEPRECATED = 26,
  NVML_ERROR_NOT_READY = 27,
  NVML_ERROR_GPU_NOT_FOUND = 28,
  NVML_ERROR_INVALID_STATE = 29,
  NVML_ERROR_UNKNOWN = 999
};

// Buffer sizes: the documented minimums, rounded up where NVML grew them (v2 names and UUIDs).
enum {
  SIETCH_NVML_TEXT_BUFFER = 128,
};

typedef struct {
  char busIdLegacy[16];
  unsigned int domain;
  unsigned int bus;
  unsigned int device;
  unsigned int pciDeviceId;
  unsigned int pciSubSystemId;
  char busId[32];
} nvmlPciInfo_t;

typedef struct {
  unsigned long long total;
  unsigned long long free;
  unsigned long long used;
} nvmlMemory_t;

// Versioned struct: version = sizeof | (2 << 24). `used` excludes `reserved` (what nvidia-smi
// R510+ prints as Used; v1's used includes the driver's reservation).
typedef struct {
  unsigned int version;
  unsigned long long total;
  unsigned long long reserved;
  unsigned long long free;
  unsigned long long used;
} nvmlMemory_v2_t;
#define SIETCH_NVML_MEMORY_V2_VERSION ((unsigned int)(sizeof(nvmlMemory_v2_t) | (2u << 24)))

typedef struct {
  unsigned int gpu;
  unsigned int memory;
} nvmlUtilization_t;

// The _v2 process query's element (R470+); _v1 stops after usedGpuMemory.
typedef struct {
  unsigned int pid;
  unsigned long long usedGpuMemory;
  unsigned int gpuInstanceId;
  unsigned int computeInstanceId;
} nvmlProcessInfo_v2_t;

typedef struct {
  unsigned int pid;
  unsigned long long usedGpuMemory;
} nvmlProcessInfo_v1_t;

typedef struct {
  unsigned int multiprocessorCount;
  unsigned int sharedCopyEngineCount;
  unsigned int sharedDecoderCount;
  unsigned int sharedEncoderCount;
  unsigned int sharedJpegCount;
  unsigned int sharedOfaCount;
  unsigned int gpuInstanceSliceCount;
  unsigned int computeInstanceSliceCount;
  unsigned long long memorySizeMB;
} nvmlDeviceAttributes_t;

// Versioned (R565+): version = sizeof | (1 << 24).
typedef struct {
  unsigned int version;
  unsigned int bChannelRepairPending;
  unsigned int bTpcRepairPending;
} nvmlRepairStatus_v1_t;
#define SIETCH_NVML_REPAIR_STATUS_V1_VERSION ((unsigned int)(sizeof(nvmlRepairStatus_v1_t) | (1u << 24)))

// Versioned (R560+): SRAM ECC counters by kind and unit, and whether the SRAM error threshold
// was crossed (nvidia-smi's sram_threshold_exceeded). Sietch reads only the threshold flag.
typedef struct {
  unsigned int version;
  unsigned long long aggregateUncParity;
  unsigned long long aggregateUncSecDed;
  unsigned long long aggregateCor;
  unsigned long long volatileUncParity;
  unsigned long long volatileUncSecDed;
  unsigned long long volatileCor;
  unsigned long long aggregateUncBucketL2;
  unsigned long long aggregateUncBucketSm;
  unsigned long long aggregateUncBucketPcie;
  unsigned long long aggregateUncBucketMcu;
  unsigned long long aggregateUncBucketOther;
  unsigned int bThresholdExceeded;
} nvmlEccSramErrorStatus_v1_t;
#define SIETCH_NVML_SRAM_STATUS_V1_VERSION ((unsigned int)(sizeof(nvmlEccSramErrorStatus_v1_t) | (1u << 24)))

typedef union {
  double dVal;
  int siVal;
  unsigned int uiVal;
  unsigned long ulVal;
  unsigned long long ullVal;
  signed long long sllVal;
} nvmlValue_t;

typedef struct {
  unsigned int fieldId;
  unsigned int scopeId;
  long long timestamp;
  long long latencyUsec;
  int valueType;
  nvmlReturn_t nvmlReturn;
  nvmlValue_t value;
} nvmlFieldValue_t;

// Enumerations used as arguments.
enum { NVML_TEMPERATURE_GPU = 0 };
enum { NVML_TEMPERATURE_THRESHOLD_SHUTDOWN = 0, NVML_TEMPERATURE_THRESHOLD_SLOWDOWN = 1 };
enum { NVML_CLOCK_GRAPHICS = 0, NVML_CLOCK_SM = 1, NVML_CLOCK_MEM = 2, NVML_CLOCK_VIDEO = 3 };
enum { NVML_MEMORY_ERROR_TYPE_CORRECTED = 0, NVML_MEMORY_ERROR_TYPE_UNCORRECTED = 1 };
enum { NVML_VOLATILE_ECC = 0, NVML_AGGREGATE_ECC = 1 };
enum { NVML_PAGE_RETIREMENT_CAUSE_MULTIPLE_SINGLE_BIT_ECC_ERRORS = 0, NVML_PAGE_RETIREMENT_CAUSE_DOUBLE_BIT_ECC_ERROR = 1 };
// Field ids (nvmlDeviceGetFieldValues): the memory (HBM) temperature in °C, the 1 s average and the instant power in mW (R525+;
// nvmlDeviceGetPowerUsage is the average on Ampere and newer but GA100, the instant before), and
// the driver's recommended recovery action (R570+: 0 none, 1 GPU reset, 2 node reboot, 3 drain
// P2P, 4 drain and reset).
// Before the recovery action (R535-R565): whether a reset is required, and whether a drain and
// reset is recommended (both deprecated since).
enum {
  NVML_FI_DEV_MEMORY_TEMP = 82,
  NVML_FI_DEV_POWER_AVERAGE = 185,
  NVML_FI_DEV_POWER_INSTANT = 186,
  NVML_FI_DEV_RESET_STATUS = 226,
  NVML_FI_DEV_DRAIN_AND_RESET_STATUS = 227,
  NVML_FI_DEV_GET_GPU_RECOVERY_ACTION = 230
};

// Clock event (formerly throttle) reason bits.
#define SIETCH_NVML_CLOCK_EVENT_GPU_IDLE 0x1ULL
#define SIETCH_NVML_CLOCK_EVENT_APPLICATIONS_CLOCKS_SETTING 0x2ULL
#define SIETCH_NVML_CLOCK_EVENT_SW_POWER_CAP 0x4ULL
#define SIETCH_NVML_CLOCK_EVENT_HW_SLOWDOWN 0x8ULL
#define SIETCH_NVML_CLOCK_EVENT_SYNC_BOOST 0x10ULL
#define SIETCH_NVML_CLOCK_EVENT_SW_THERMAL_SLOWDOWN 0x20ULL
#define SIETCH_NVML_CLOCK_EVENT_HW_THERMAL_SLOWDOWN 0x40ULL
#define SIETCH_NVML_CLOCK_EVENT_HW_POWER_BRAKE_SLOWDOWN 0x80ULL

// Confidential computing (R535+; Hopper and newer with CC mode on): the GPU's SPDM attestation.
// Layouts as NVML's nvml.h has them since R535 (plain unsigned ints and byte arrays, no version
// field, no padding); the sizes are asserted below so that a typo cannot shift a field.
enum {
  NVML_CC_GPU_CEC_NONCE_SIZE = 0x20,                  // the caller's nonce: 32 bytes, an input
  NVML_CC_GPU_ATTESTATION_REPORT_SIZE = 0x2000,       // SPDM GET_MEASUREMENTS request || response
  NVML_CC_GPU_CEC_ATTESTATION_REPORT_SIZE = 0x1000,   // the CEC's own report (some boards), unused
  NVML_GPU_CERT_CHAIN_SIZE = 0x1000,                  // the device certificate chain (DER), unused
  NVML_GPU_ATTESTATION_CERT_CHAIN_SIZE = 0x1400       // the attestation chain: PEM text, leaf first
};
enum { NVML_CC_SYSTEM_FEATURE_DISABLED = 0, NVML_CC_SYSTEM_FEATURE_ENABLED = 1 };
enum { NVML_CC_SYSTEM_ENVIRONMENT_UNAVAILABLE = 0, NVML_CC_SYSTEM_ENVIRONMENT_SIM = 1, NVML_CC_SYSTEM_ENVIRONMENT_PROD = 2 };
enum { NVML_CC_SYSTEM_DEVTOOLS_MODE_OFF = 0, NVML_CC_SYSTEM_DEVTOOLS_MODE_ON = 1 };

// nvmlSystemGetConfComputeState: whether CC is on for the whole system. 12 bytes.
typedef struct {
  unsigned int environment;   // NVML_CC_SYSTEM_ENVIRONMENT_*
  unsigned int ccFeature;     // NVML_CC_SYSTEM_FEATURE_*
  unsigned int devToolsMode;  // NVML_CC_SYSTEM_DEVTOOLS_MODE_*
} nvmlConfComputeSystemState_t;

// nvmlDeviceGetConfComputeGpuCertificate: both chains with their lengths. 8 + 4096 + 5120 = 9224 bytes.
typedef struct {
  unsigned int certChainSize;
  unsigned int attestationCertChainSize;
  unsigned char certChain[NVML_GPU_CERT_CHAIN_SIZE];
  unsigned char attestationCertChain[NVML_GPU_ATTESTATION_CERT_CHAIN_SIZE];
} nvmlConfComputeGpuCertificate_t;

// nvmlDeviceGetConfComputeGpuAttestationReport: `nonce` is filled in by the caller; the driver
// fills in the sizes and the reports. 12 + 32 + 8192 + 4096 = 12332 bytes.
typedef struct {
  unsigned int isCecAttestationReportPresent;
  unsigned int attestationReportSize;
  unsigned int cecAttestationReportSize;
  unsigned char nonce[NVML_CC_GPU_CEC_NONCE_SIZE];
  unsigned char attestationReport[NVML_CC_GPU_ATTESTATION_REPORT_SIZE];
  unsigned char cecAttestationReport[NVML_CC_GPU_CEC_ATTESTATION_REPORT_SIZE];
} nvmlConfComputeGpuAttestationReport_t;

#ifdef __cplusplus
#define SIETCH_NVML_STATIC_ASSERT static_assert
#else
#define SIETCH_NVML_STATIC_ASSERT _Static_assert
#endif
SIETCH_NVML_STATIC_ASSERT(sizeof(nvmlConfComputeSystemState_t) == 12, "nvmlConfComputeSystemState_t is 12 bytes");
SIETCH_NVML_STATIC_ASSERT(sizeof(nvmlConfComputeGpuCertificate_t) == 9224, "nvmlConfComputeGpuCertificate_t is 9224 bytes");
SIETCH_NVML_STATIC_ASSERT(sizeof(nvmlConfComputeGpuAttestationReport_t) == 12332, "nvmlConfComputeGpuAttestationReport_t is 12332 bytes");

// The functions, as the X-macro list the loader and the mock both expand:
// X(name, return type, parameter list). `required` ones must resolve for the library to be used.
#define SIETCH_NVML_REQUIRED_FUNCTIONS(X)                                                     \
  X(nvmlInit_v2, nvmlReturn_t, (void))                                                        \
  X(nvmlShutdown, nvmlReturn_t, (void))                                                       \
  X(nvmlDeviceGetCount_v2, nvmlReturn_t, (unsigned int* count))                               \
  X(nvmlDeviceGetHandleByIndex_v2, nvmlReturn_t, (unsigned int index, nvmlDevice_t* device))

#define SIETCH_NVML_OPTIONAL_FUNCTIONS(X)                                                                                            \
  X(nvmlErrorString, const char*, (nvmlReturn_t result))                                                                             \
  X(nvmlSystemGetDriverVersion, nvmlReturn_t, (char* version, unsigned int length))                                                 \
  X(nvmlSystemGetNVMLVersion, nvmlReturn_t, (char* version, unsigned int length))                                                   \
  X(nvmlSystemGetCudaDriverVersion, nvmlReturn_t, (int* version))                                                                   \
  X(nvmlDeviceGetUUID, nvmlReturn_t, (nvmlDevice_t device, char* uuid, unsigned int length))                                        \
  X(nvmlDeviceGetSerial, nvmlReturn_t, (nvmlDevice_t device, char* serial, unsigned int length))                                    \
  X(nvmlDeviceGetName, nvmlReturn_t, (nvmlDevice_t device, char* name, unsigned int length))                                        \
  X(nvmlDeviceGetBoardPartNumber, nvmlReturn_t, (nvmlDevice_t device, char* part, unsigned int length))                             \
  X(nvmlDeviceGetVbiosVersion, nvmlReturn_t, (nvmlDevice_t device, char* version, unsigned int length))                             \
  X(nvmlDeviceGetPciInfo_v3, nvmlReturn_t, (nvmlDevice_t device, nvmlPciInfo_t * pci))                                              \
  X(nvmlDeviceGetGPUPartNumber, nvmlReturn_t, (nvmlDevice_t device, char* part, unsigned int length))                               \
  X(nvmlDeviceGetBrand, nvmlReturn_t, (nvmlDevice_t device, int* brand))                                                            \
  X(nvmlDeviceGetArchitecture, nvmlReturn_t, (nvmlDevice_t device, unsigned int* architecture))                                     \
  X(nvmlDeviceGetBoardId, nvmlReturn_t, (nvmlDevice_t device, unsigned int* boardId))                                               \
  X(nvmlDeviceGetMultiGpuBoard, nvmlReturn_t, (nvmlDevice_t device, unsigned int* multiGpu))                                        \
  X(nvmlDeviceGetPersistenceMode, nvmlReturn_t, (nvmlDevice_t device, int* mode))                                                   \
  X(nvmlDeviceGetComputeMode, nvmlReturn_t, (nvmlDevice_t device, int* mode))                                                       \
  X(nvmlDeviceGetPerformanceState, nvmlReturn_t, (nvmlDevice_t device, int* pstate))                                                \
  X(nvmlDeviceGetVirtualizationMode, nvmlReturn_t, (nvmlDevice_t device, int* mode))                                                \
  X(nvmlDeviceGetModuleId, nvmlReturn_t, (nvmlDevice_t device, unsigned int* moduleId))                                           \
  X(nvmlDeviceGetRepairStatus, nvmlReturn_t, (nvmlDevice_t device, nvmlRepairStatus_v1_t* status))                                  \
  X(nvmlDeviceGetSramEccErrorStatus, nvmlReturn_t, (nvmlDevice_t device, nvmlEccSramErrorStatus_v1_t* status))                      \
  X(nvmlDeviceGetMinorNumber, nvmlReturn_t, (nvmlDevice_t device, unsigned int* minor))                                             \
  X(nvmlDeviceGetMemoryInfo, nvmlReturn_t, (nvmlDevice_t device, nvmlMemory_t * memory))                                            \
  X(nvmlDeviceGetMemoryInfo_v2, nvmlReturn_t, (nvmlDevice_t device, nvmlMemory_v2_t * memory))                                      \
  X(nvmlDeviceGetUtilizationRates, nvmlReturn_t, (nvmlDevice_t device, nvmlUtilization_t * utilization))                            \
  X(nvmlDeviceGetEncoderUtilization, nvmlReturn_t, (nvmlDevice_t device, unsigned int* utilization, unsigned int* periodUs))        \
  X(nvmlDeviceGetDecoderUtilization, nvmlReturn_t, (nvmlDevice_t device, unsigned int* utilization, unsigned int* periodUs))        \
  X(nvmlDeviceGetPowerUsage, nvmlReturn_t, (nvmlDevice_t device, unsigned int* milliwatts))                                         \
  X(nvmlDeviceGetEnforcedPowerLimit, nvmlReturn_t, (nvmlDevice_t device, unsigned int* milliwatts))                                 \
  X(nvmlDeviceGetPowerManagementLimitConstraints, nvmlReturn_t, (nvmlDevice_t device, unsigned int* minMw, unsigned int* maxMw))    \
  X(nvmlDeviceGetTemperature, nvmlReturn_t, (nvmlDevice_t device, int sensor, unsigned int* celsius))                               \
  X(nvmlDeviceGetTemperatureThreshold, nvmlReturn_t, (nvmlDevice_t device, int threshold, unsigned int* celsius))                   \
  X(nvmlDeviceGetFanSpeed, nvmlReturn_t, (nvmlDevice_t device, unsigned int* percent))                                              \
  X(nvmlDeviceGetClockInfo, nvmlReturn_t, (nvmlDevice_t device, int clock, unsigned int* mhz))                                      \
  X(nvmlDeviceGetMaxClockInfo, nvmlReturn_t, (nvmlDevice_t device, int clock, unsigned int* mhz))                                   \
  X(nvmlDeviceGetCurrentClocksEventReasons, nvmlReturn_t, (nvmlDevice_t device, unsigned long long* reasons))                       \
  X(nvmlDeviceGetCurrentClocksThrottleReasons, nvmlReturn_t, (nvmlDevice_t device, unsigned long long* reasons))                    \
  X(nvmlDeviceGetEccMode, nvmlReturn_t, (nvmlDevice_t device, int* current, int* pending))                                          \
  X(nvmlDeviceGetTotalEccErrors, nvmlReturn_t, (nvmlDevice_t device, int errorType, int counterType, unsigned long long* count))     \
  X(nvmlDeviceGetRetiredPages, nvmlReturn_t, (nvmlDevice_t device, int cause, unsigned int* count, unsigned long long* addresses))   \
  X(nvmlDeviceGetRetiredPagesPendingStatus, nvmlReturn_t, (nvmlDevice_t device, int* pending))                                      \
  X(nvmlDeviceGetRemappedRows, nvmlReturn_t, (nvmlDevice_t device, unsigned int* corrected, unsigned int* uncorrected, unsigned int* pending, unsigned int* failure)) \
  X(nvmlDeviceGetMigMode, nvmlReturn_t, (nvmlDevice_t device, unsigned int* current, unsigned int* pending))                         \
  X(nvmlDeviceGetMaxMigDeviceCount, nvmlReturn_t, (nvmlDevice_t device, unsigned int* count))                                       \
  X(nvmlDeviceGetMigDeviceHandleByIndex, nvmlReturn_t, (nvmlDevice_t device, unsigned int index, nvmlDevice_t* mig))                \
  X(nvmlDeviceGetGpuInstanceId, nvmlReturn_t, (nvmlDevice_t device, unsigned int* id))                                              \
  X(nvmlDeviceGetComputeInstanceId, nvmlReturn_t, (nvmlDevice_t device, unsigned int* id))                                          \
  X(nvmlDeviceGetAttributes_v2, nvmlReturn_t, (nvmlDevice_t device, nvmlDeviceAttributes_t * attributes))                           \
  X(nvmlDeviceGetComputeRunningProcesses_v2, nvmlReturn_t, (nvmlDevice_t device, unsigned int* count, nvmlProcessInfo_v2_t* infos))  \
  X(nvmlDeviceGetGraphicsRunningProcesses_v2, nvmlReturn_t, (nvmlDevice_t device, unsigned int* count, nvmlProcessInfo_v2_t* infos)) \
  X(nvmlDeviceGetComputeRunningProcesses, nvmlReturn_t, (nvmlDevice_t device, unsigned int* count, nvmlProcessInfo_v1_t* infos))     \
  X(nvmlDeviceGetGraphicsRunningProcesses, nvmlReturn_t, (nvmlDevice_t device, unsigned int* count, nvmlProcessInfo_v1_t* infos))    \
  X(nvmlDeviceGetFieldValues, nvmlReturn_t, (nvmlDevice_t device, int count, nvmlFieldValue_t* values))                            \
  X(nvmlSystemGetConfComputeState, nvmlReturn_t, (nvmlConfComputeSystemState_t* state))                                              \
  X(nvmlDeviceGetConfComputeGpuAttestationReport, nvmlReturn_t, (nvmlDevice_t device, nvmlConfComputeGpuAttestationReport_t* report)) \
  X(nvmlDeviceGetConfComputeGpuCertificate, nvmlReturn_t, (nvmlDevice_t device, nvmlConfComputeGpuCertificate_t* certificate))

#ifdef __cplusplus
}
#endif

#endif
