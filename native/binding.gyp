{
  # sietch_nvml.node: N-API only (NAPI_VERSION 8), so the one build loads in Node 20+ and in
  # Electron without a rebuild. No link-time dependency on NVML: it is dlopen'ed at run time.
  "targets": [
    {
      "target_name": "sietch_nvml",
      "sources": ["src/addon.cc", "src/attestation-reader.cc", "src/device-reader.cc", "src/nvml-library.cc"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NODE_ADDON_API_DISABLE_CPP_EXCEPTIONS"],
      "cflags_cc": ["-std=c++17", "-fvisibility=hidden"],
      "conditions": [
        ["OS=='linux'", { "libraries": ["-ldl"] }],
        ["OS=='mac'", { "xcode_settings": { "CLANG_CXX_LANGUAGE_STANDARD": "c++17", "GCC_SYMBOLS_PRIVATE_EXTERN": "YES" } }],
        ["OS=='win'", { "msvs_settings": { "VCCLCompilerTool": { "AdditionalOptions": ["/std:c++17"] } } }]
      ]
    }
  ]
}
