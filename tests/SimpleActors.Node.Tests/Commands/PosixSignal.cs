using System.Runtime.InteropServices;

namespace SimpleActors.Node.Tests.Commands;

/// <summary>Sends a POSIX signal to a process, as a service manager does to stop a server.</summary>
internal static class PosixSignal
{
    private const int SigTerm = 15;

    public static void Terminate(int processId)
    {
        if (NativeMethods.Kill(processId, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({processId}, SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Kill(int pid, int signal);
    }
}
