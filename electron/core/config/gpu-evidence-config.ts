import { z } from 'zod';

/**
 * Hardware-rooted GPU evidence (docs/gpu-evidence.md). Off by default: it needs H100-class GPUs
 * in confidential-computing mode, and the trusted root is the operator's to configure — Sietch
 * ships no copy of NVIDIA's root, so what the node trusts is always a deliberate choice.
 */
export const gpuEvidenceConfigSchema = z
  .object({
    /** 'command': run `command` per GPU; 'nvml': ask the driver through the native NVML reader. */
    source: z.enum(['off', 'command', 'nvml']).default('off'),
    /** argv of the evidence command; Sietch appends --gpu-uuid U --gpu-index I --nonce HEX and reads one evidence JSON on stdout. */
    command: z.array(z.string().min(1)).min(1).optional(),
    /** PEM file of the trusted root: NVIDIA's Device Identity CA certificate. */
    rootFile: z.string().min(1).optional(),
    /** Per GPU and epoch; a command still running then is killed. */
    timeoutSeconds: z.number().min(1).max(600).default(60),
  })
  .strict()
  .refine((value) => value.source !== 'command' || value.command !== undefined, { message: "source 'command' needs `command` (an argv array)", path: ['command'] })
  .refine((value) => value.source === 'off' || value.rootFile !== undefined, { message: 'evidence is verified against a trusted root: set `rootFile` (NVIDIA Device Identity CA, PEM)', path: ['rootFile'] })
  .default({ source: 'off', timeoutSeconds: 60 });

export type GpuEvidenceConfig = z.infer<typeof gpuEvidenceConfigSchema>;
