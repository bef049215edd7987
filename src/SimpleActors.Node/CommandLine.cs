using System.CommandLine;
using SimpleActors.Node.Commands;

namespace SimpleActors.Node;

/// <summary>The <c>simpleactors</c> command line.</summary>
internal static class CommandLine
{
    /// <summary>
    /// Every subcommand of <c>simpleactors</c>, one file each in <c>Commands/</c>.
    /// To add one, write <c>Commands/XCommand.cs</c> with a <c>Create()</c> and add it here.
    /// </summary>
    private static IEnumerable<Command> Subcommands() =>
    [
        RunCommand.Create(),
        SipLintCommand.Create(),
        UserCommand.Create(),
        PresenceCommand.Create(),
        HistoryCommand.Create(),
        ClusterCommand.Create(),
        CertCommand.Create(),
    ];

    public static RootCommand Create()
    {
        var root = new RootCommand("SimpleActors: a clustered SIP SIMPLE presence and instant-messaging server on Akka.NET.");
        foreach (var command in Subcommands())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>
    /// Parses and runs. Signals are left to the generic host of <c>run</c> (Ctrl+C and SIGTERM stop
    /// it gracefully), so System.CommandLine's own termination handling is off.
    /// </summary>
    public static Task<int> InvokeAsync(string[] args) =>
        Create().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
}
