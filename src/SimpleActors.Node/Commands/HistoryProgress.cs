using System.Diagnostics;
using System.Globalization;

namespace SimpleActors.Node.Commands;

/// <summary>
/// "replayed N events" on the terminal's error stream while a long replay runs: nothing for the first second, then a
/// line rewritten twice a second, cleared at the end. Nothing at all when the error stream is not a terminal.
/// </summary>
internal sealed class HistoryProgress
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(500);

    private readonly TextWriter error;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private TimeSpan shown;
    private bool written;

    private HistoryProgress(TextWriter error) => this.error = error;

    /// <summary>A progress line on <paramref name="error"/> if it is the console's, on a terminal; else null.</summary>
    public static HistoryProgress? OnTerminal(TextWriter error) =>
        ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected ? new HistoryProgress(error) : null;

    public void Replayed(long events)
    {
        var now = clock.Elapsed;
        if (now < Quiet || now - shown < Every)
        {
            return;
        }

        shown = now;
        written = true;
        error.Write(string.Create(CultureInfo.InvariantCulture, $"\rreplayed {events:N0} events ({events / now.TotalSeconds:N0}/s)   "));
    }

    public void Done()
    {
        if (written)
        {
            error.Write("\r" + new string(' ', 60) + "\r");
        }
    }
}
