// sietch_nvml.node: NVML for Sietch's GPU reader (electron/core/inventory/gpu/nvml/).
// Pure N-API through node-addon-api: one build loads in Node and in Electron alike.
//
//   open(path?)  → { stage, code, message, library }   dlopen + dlsym + nvmlInit (sync, cheap)
//   read()       → Promise<SystemRead>                  every field of every device
//   sample()     → Promise<SystemRead>                  the per-second readings only
//   attestationEvidence(index, nonce)                   a GPU's CC attestation report for a
//                → Promise<AttestationRead>             32-byte nonce, and its certificate chain
//   close()                                             nvmlShutdown
//
// Reads run on a libuv worker thread: an NVML call that hangs on a sick GPU blocks that thread,
// never the event loop, and the JS side gives up on it with a timeout.
#include <napi.h>

#include <algorithm>
#include <atomic>

#include "attestation-reader.h"
#include "device-reader.h"
#include "nvml-library.h"

namespace {

std::atomic<bool> opened{false};

Napi::Object ToObject(Napi::Env env, const sietch::Record& record) {
  Napi::Object values = Napi::Object::New(env);
  Napi::Object codes = Napi::Object::New(env);
  for (const sietch::Entry& entry : record) {
    if (entry.code != NVML_SUCCESS) {
      values.Set(entry.key, env.Null());
      codes.Set(entry.key, Napi::Number::New(env, entry.code));
    } else if (entry.isText) {
      values.Set(entry.key, Napi::String::New(env, entry.text));
    } else {
      values.Set(entry.key, Napi::Number::New(env, entry.number));
    }
  }
  Napi::Object out = Napi::Object::New(env);
  out.Set("values", values);
  out.Set("codes", codes);
  return out;
}

Napi::Value OrNull(Napi::Env env, double value) { return value < 0 ? env.Null() : Napi::Number::New(env, value); }

Napi::Object ToObject(Napi::Env env, const sietch::SystemRead& read) {
  Napi::Object out = ToObject(env, read.system);
  out.Set("countCode", Napi::Number::New(env, read.countCode));
  Napi::Array devices = Napi::Array::New(env, read.devices.size());
  for (size_t i = 0; i < read.devices.size(); i++) {
    const sietch::DeviceRead& device = read.devices[i];
    Napi::Object item = ToObject(env, device.fields);
    item.Set("index", Napi::Number::New(env, device.index));
    item.Set("handleCode", Napi::Number::New(env, device.handleCode));
    Napi::Array migs = Napi::Array::New(env, device.migDevices.size());
    for (size_t m = 0; m < device.migDevices.size(); m++) {
      Napi::Object mig = ToObject(env, device.migDevices[m].fields);
      mig.Set("index", Napi::Number::New(env, device.migDevices[m].index));
      migs.Set(static_cast<uint32_t>(m), mig);
    }
    item.Set("migDevices", migs);
    item.Set("processesCode", Napi::Number::New(env, device.processesCode));
    Napi::Array processes = Napi::Array::New(env, device.processes.size());
    for (size_t p = 0; p < device.processes.size(); p++) {
      const sietch::ProcessRead& process = device.processes[p];
      Napi::Object entry = Napi::Object::New(env);
      entry.Set("pid", Napi::Number::New(env, process.pid));
      entry.Set("usedBytes", OrNull(env, process.usedBytes));
      entry.Set("gpuInstanceId", OrNull(env, process.gpuInstanceId));
      entry.Set("computeInstanceId", OrNull(env, process.computeInstanceId));
      entry.Set("type", Napi::String::New(env, process.compute && process.graphics ? "C+G" : process.graphics ? "G" : "C"));
      processes.Set(static_cast<uint32_t>(p), entry);
    }
    item.Set("processes", processes);
    devices.Set(static_cast<uint32_t>(i), item);
  }
  out.Set("devices", devices);
  return out;
}

class ReadWorker : public Napi::AsyncWorker {
 public:
  ReadWorker(Napi::Env env, bool full) : Napi::AsyncWorker(env), full_(full), deferred_(Napi::Promise::Deferred::New(env)) {}
  Napi::Promise Promise() { return deferred_.Promise(); }

 protected:
  void Execute() override {
    if (!opened.load()) {
      read_.countCode = NVML_ERROR_UNINITIALIZED;
      return;
    }
    read_ = full_ ? sietch::ReadAll() : sietch::ReadSamples();
  }
  void OnOK() override { deferred_.Resolve(ToObject(Env(), read_)); }
  void OnError(const Napi::Error& error) override { deferred_.Reject(error.Value()); }

 private:
  bool full_;
  Napi::Promise::Deferred deferred_;
  sietch::SystemRead read_;
};

Napi::Object ToObject(Napi::Env env, const sietch::AttestationRead& read) {
  Napi::Object out = Napi::Object::New(env);
  out.Set("code", Napi::Number::New(env, read.code));
  out.Set("call", Napi::String::New(env, read.call));
  out.Set("uuid", read.uuidCode == NVML_SUCCESS ? Napi::Value(Napi::String::New(env, read.uuid)) : env.Null());
  Napi::Object state = Napi::Object::New(env);
  state.Set("code", Napi::Number::New(env, read.ccStateCode));
  state.Set("environment", Napi::Number::New(env, read.ccEnvironment));
  state.Set("feature", Napi::Number::New(env, read.ccFeature));
  state.Set("devToolsMode", Napi::Number::New(env, read.ccDevToolsMode));
  out.Set("confCompute", state);
  out.Set("reportSize", Napi::Number::New(env, read.reportSize));
  out.Set("report", read.code == NVML_SUCCESS ? Napi::Value(Napi::Buffer<unsigned char>::Copy(env, read.report.data(), read.report.size())) : env.Null());
  out.Set("certChainSize", Napi::Number::New(env, read.certChainSize));
  out.Set("certChain", read.code == NVML_SUCCESS ? Napi::Value(Napi::String::New(env, read.certChain)) : env.Null());
  return out;
}

class AttestationWorker : public Napi::AsyncWorker {
 public:
  AttestationWorker(Napi::Env env, unsigned int index, const sietch::AttestationNonce& nonce)
      : Napi::AsyncWorker(env), index_(index), nonce_(nonce), deferred_(Napi::Promise::Deferred::New(env)) {}
  Napi::Promise Promise() { return deferred_.Promise(); }

 protected:
  void Execute() override {
    if (!opened.load()) {
      read_ = sietch::AttestationRead{NVML_ERROR_UNINITIALIZED, "nvmlInit_v2", NVML_ERROR_UNINITIALIZED, "", NVML_ERROR_UNINITIALIZED, 0, 0, 0, 0, {}, 0, ""};
      return;
    }
    read_ = sietch::ReadAttestation(index_, nonce_);
  }
  void OnOK() override { deferred_.Resolve(ToObject(Env(), read_)); }
  void OnError(const Napi::Error& error) override { deferred_.Reject(error.Value()); }

 private:
  unsigned int index_;
  sietch::AttestationNonce nonce_;  // copied here: the Buffer is not ours to read off the main thread
  Napi::Promise::Deferred deferred_;
  sietch::AttestationRead read_;
};

/** attestationEvidence(index: number, nonce: Buffer of 32 bytes): bad arguments throw a TypeError. */
Napi::Value AttestationEvidence(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2 || !info[0].IsNumber() || !info[1].IsBuffer()) {
    Napi::TypeError::New(env, "attestationEvidence(index, nonce): a GPU index and a 32-byte Buffer").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  const double index = info[0].As<Napi::Number>().DoubleValue();
  Napi::Buffer<unsigned char> nonce = info[1].As<Napi::Buffer<unsigned char>>();
  if (!(index >= 0 && index <= 0xffffffffu && index == static_cast<double>(static_cast<unsigned int>(index)))) {
    Napi::TypeError::New(env, "attestationEvidence: the GPU index must be a whole number from 0").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  sietch::AttestationNonce bytes{};
  if (nonce.Length() != bytes.size()) {
    Napi::TypeError::New(env, "attestationEvidence: the nonce must be 32 bytes").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  std::copy(nonce.Data(), nonce.Data() + bytes.size(), bytes.begin());
  auto* worker = new AttestationWorker(env, static_cast<unsigned int>(index), bytes);
  Napi::Promise promise = worker->Promise();
  worker->Queue();
  return promise;
}

Napi::Value Open(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string path;
  if (info.Length() > 0 && info[0].IsString()) path = info[0].As<Napi::String>().Utf8Value();
  const sietch::OpenOutcome outcome = sietch::OpenNvml(path);
  opened.store(outcome.stage == "ok");
  Napi::Object out = Napi::Object::New(env);
  out.Set("stage", outcome.stage);
  out.Set("code", Napi::Number::New(env, outcome.code));
  out.Set("message", outcome.message);
  out.Set("library", outcome.library);
  return out;
}

Napi::Value StartRead(const Napi::CallbackInfo& info, bool full) {
  auto* worker = new ReadWorker(info.Env(), full);
  Napi::Promise promise = worker->Promise();
  worker->Queue();
  return promise;
}

Napi::Value Read(const Napi::CallbackInfo& info) { return StartRead(info, true); }
Napi::Value Sample(const Napi::CallbackInfo& info) { return StartRead(info, false); }

Napi::Value Close(const Napi::CallbackInfo& info) {
  opened.store(false);
  sietch::CloseNvml();
  return info.Env().Undefined();
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("open", Napi::Function::New(env, Open, "open"));
  exports.Set("read", Napi::Function::New(env, Read, "read"));
  exports.Set("sample", Napi::Function::New(env, Sample, "sample"));
  exports.Set("attestationEvidence", Napi::Function::New(env, AttestationEvidence, "attestationEvidence"));
  exports.Set("close", Napi::Function::New(env, Close, "close"));
  exports.Set("napiVersion", Napi::Number::New(env, NAPI_VERSION));
  return exports;
}

}  // namespace

NODE_API_MODULE(sietch_nvml, Init)
