package dev.berth.model.internal;

import dev.berth.model.Device;
import dev.berth.model.LinuxParameters;
import dev.berth.model.Tmpfs;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

/**
 * ECS's rules for a container's {@code linuxParameters} (API reference: {@code LinuxParameters},
 * {@code KernelCapabilities}, {@code Device}, {@code Tmpfs}): known capabilities and tmpfs mount options, a host
 * path for each device, {@code maxSwap} 0 or more, {@code swappiness} 0-100, sizes of at least 1 MiB; and on
 * Fargate only {@code SYS_PTRACE} may be added, and devices, shared memory, tmpfs and swap are not supported.
 */
final class LinuxParameterRules {

    private static final Set<String> CAPABILITIES = Set.of("ALL", "AUDIT_CONTROL", "AUDIT_WRITE", "BLOCK_SUSPEND",
            "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "IPC_LOCK", "IPC_OWNER", "KILL", "LEASE",
            "LINUX_IMMUTABLE", "MAC_ADMIN", "MAC_OVERRIDE", "MKNOD", "NET_ADMIN", "NET_BIND_SERVICE", "NET_BROADCAST",
            "NET_RAW", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_ADMIN", "SYS_BOOT", "SYS_CHROOT", "SYS_MODULE",
            "SYS_NICE", "SYS_PACCT", "SYS_PTRACE", "SYS_RAWIO", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG",
            "SYSLOG", "WAKE_ALARM");
    /** ECS's tmpfs mount options; those before {@code mode} take no value, the others take {@code =value}. */
    private static final Set<String> TMPFS_OPTIONS = Set.of("defaults", "ro", "rw", "suid", "nosuid", "dev",
            "nodev", "exec", "noexec", "sync", "async", "dirsync", "remount", "mand", "nomand", "atime", "noatime",
            "diratime", "nodiratime", "bind", "rbind", "unbindable", "runbindable", "private", "rprivate", "shared",
            "rshared", "slave", "rslave", "relatime", "norelatime", "strictatime", "nostrictatime", "mode", "uid",
            "gid", "nr_inodes", "nr_blocks", "mpol");
    private static final int MAX_SWAPPINESS = 100;

    private LinuxParameterRules() {
    }

    static void check(String path, LinuxParameters parameters, boolean fargate, Problems problems) {
        checkCapabilities(path + ".capabilities.add", parameters.capabilitiesAdd(), fargate, problems);
        checkCapabilities(path + ".capabilities.drop", parameters.capabilitiesDrop(), false, problems);
        List<Device> devices = parameters.devices();
        for (int i = 0; i < devices.size(); i++) {
            if (devices.get(i).hostPath().isBlank()) {
                problems.add(Problems.element(path + ".devices", i) + ".hostPath", Rule.DEVICE_HOST_PATH_EMPTY, "");
            }
        }
        atLeast(path + ".sharedMemorySize", parameters.sharedMemorySizeMiB(), 1, problems);
        atLeast(path + ".maxSwap", parameters.maxSwapMiB(), 0, problems);
        parameters.swappiness().ifPresent(value -> {
            if (value < 0 || value > MAX_SWAPPINESS) {
                problems.add(path + ".swappiness", Rule.LINUX_SIZE_RANGE, value, "swappiness", "between 0 and 100");
            }
        });
        List<Tmpfs> tmpfs = parameters.tmpfs();
        for (int i = 0; i < tmpfs.size(); i++) {
            checkTmpfs(Problems.element(path + ".tmpfs", i), tmpfs.get(i), problems);
        }
        if (fargate) {
            checkFargate(path, parameters, problems);
        }
    }

    private static void checkCapabilities(String path, List<String> capabilities, boolean fargateAdd,
                                          Problems problems) {
        for (int i = 0; i < capabilities.size(); i++) {
            String capability = capabilities.get(i);
            String capabilityPath = Problems.element(path, i);
            if (!CAPABILITIES.contains(capability)) {
                problems.add(capabilityPath, Rule.CAPABILITY_UNKNOWN, capability, capability);
            } else if (fargateAdd && !capability.equals("SYS_PTRACE")) {
                problems.add(capabilityPath, Rule.FARGATE_CAPABILITY_ADD, capability, capability);
            }
        }
    }

    private static void checkTmpfs(String path, Tmpfs mount, Problems problems) {
        if (!mount.containerPath().startsWith("/")) {
            problems.add(path + ".containerPath", Rule.TMPFS_CONTAINER_PATH_ABSOLUTE, mount.containerPath());
        }
        if (mount.sizeMiB() < 1) {
            problems.add(path + ".size", Rule.LINUX_SIZE_RANGE, mount.sizeMiB(), "a tmpfs size", "at least 1 MiB");
        }
        for (int i = 0; i < mount.mountOptions().size(); i++) {
            String option = mount.mountOptions().get(i);
            String name = option.split("=", 2)[0].toLowerCase(Locale.ROOT);
            if (!TMPFS_OPTIONS.contains(name)) {
                problems.add(Problems.element(path + ".mountOptions", i), Rule.TMPFS_MOUNT_OPTION_UNKNOWN, option,
                        option);
            }
        }
    }

    private static void atLeast(String path, OptionalInt value, int min, Problems problems) {
        if (value.isPresent() && value.getAsInt() < min) {
            String field = path.substring(path.lastIndexOf('.') + 1);
            problems.add(path, Rule.LINUX_SIZE_RANGE, value.getAsInt(), field,
                    min == 0 ? "0 or more" : "at least " + min + " MiB");
        }
    }

    /** The API reference: devices, sharedMemorySize, tmpfs, maxSwap and swappiness are not supported on Fargate. */
    private static void checkFargate(String path, LinuxParameters parameters, Problems problems) {
        if (!parameters.devices().isEmpty()) {
            problems.add(path + ".devices", Rule.FARGATE_LINUX_PARAMETER, "", "devices");
        }
        if (parameters.sharedMemorySizeMiB().isPresent()) {
            problems.add(path + ".sharedMemorySize", Rule.FARGATE_LINUX_PARAMETER, "", "sharedMemorySize");
        }
        if (!parameters.tmpfs().isEmpty()) {
            problems.add(path + ".tmpfs", Rule.FARGATE_LINUX_PARAMETER, "", "tmpfs");
        }
        if (parameters.maxSwapMiB().isPresent()) {
            problems.add(path + ".maxSwap", Rule.FARGATE_LINUX_PARAMETER, "", "maxSwap");
        }
        if (parameters.swappiness().isPresent()) {
            problems.add(path + ".swappiness", Rule.FARGATE_LINUX_PARAMETER, "", "swappiness");
        }
    }
}
