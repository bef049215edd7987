using Spectre.Console;

namespace SimpleActors.Node.Commands;

/// <summary>
/// A Spectre.Console console over a command's output writer (<c>InvocationConfiguration.Output</c>), so tables go where
/// the invocation says: colour only on a terminal that takes it; when the output is redirected, plain text and no wrapping
/// at a guessed width.
/// </summary>
internal static class CommandConsole
{
    /// <summary>The width of redirected output: wide enough that a table of cluster addresses is never wrapped.</summary>
    private const int RedirectedWidth = 200;

    public static IAnsiConsole Create(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        // Spectre's own detection looks at the environment (TERM, CI), not at the writer: a redirected
        // writer would still get escape codes.
        var terminal = new AnsiConsoleOutput(output);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = terminal,
            Ansi = terminal.IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal.IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!terminal.IsTerminal)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
