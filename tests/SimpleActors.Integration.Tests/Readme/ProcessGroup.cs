using System.Runtime.InteropServices;

namespace SimpleActors.Integration.Tests.Readme;

/// <summary>Signals to a whole process group, as a terminal sends Ctrl+C to every process of a command line.</summary>
internal static class ProcessGroup
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    /// <summary>The process group of <paramref name="processId"/>.</summary>
    public static int Of(int processId) => NativeMethods.GetProcessGroup(processId);

    /// <summary>Sends <paramref name="signal"/> to every process of the group; false when none is left.</summary>
    public static bool Signal(int group, int signal) => NativeMethods.Kill(-group, signal) == 0;

    /// <summary>Sends <paramref name="signal"/> to one process; false when it is gone.</summary>
    public static bool SignalProcess(int processId, int signal) => NativeMethods.Kill(processId, signal) == 0;

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Kill(int pid, int signal);

        [DllImport("libc", EntryPoint = "getpgid", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int GetProcessGroup(int pid);
    }
}
