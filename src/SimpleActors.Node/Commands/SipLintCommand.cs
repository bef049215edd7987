using System.CommandLine;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Node.Commands;

/// <summary>
/// <c>simpleactors sip lint FILE...</c>: parses each file as one SIP message and applies the checks the
/// server applies before routing. Exit code 0 only if every file is valid; <c>-</c> reads standard input.
/// </summary>
internal static class SipLintCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "Files holding one SIP message each; - for standard input.",
            Arity = ArgumentArity.OneOrMore,
        };
        var lint = new Command("lint", "Check SIP messages as the server would on receipt, and print what it understood.")
        {
            files,
        };
        lint.SetAction(async (parse, cancellation) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            return await RunAsync(parse.GetValue(files) ?? [], SipParserLimits.Default, output, error, cancellation).ConfigureAwait(false);
        });

        return new Command("sip", "SIP tools.") { lint };
    }

    /// <summary>Lints each file; returns the exit code (0 all valid, 1 any invalid, 2 a file could not be read).</summary>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> files, SipParserLimits limits, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var exitCode = 0;
        foreach (var file in files)
        {
            byte[] bytes;
            try
            {
                bytes = file == "-" ? await ReadStandardInputAsync(cancellation).ConfigureAwait(false)
                    : await File.ReadAllBytesAsync(file, cancellation).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                await error.WriteLineAsync($"{file}: cannot read: {e.Message}").ConfigureAwait(false);
                exitCode = 2;
                continue;
            }
            catch (UnauthorizedAccessException e)
            {
                await error.WriteLineAsync($"{file}: cannot read: {e.Message}").ConfigureAwait(false);
                exitCode = 2;
                continue;
            }

            var valid = SipLint.Check(bytes, limits, out var report);
            if (files.Count > 1)
            {
                await output.WriteLineAsync($"== {file}").ConfigureAwait(false);
            }

            await output.WriteLineAsync(report).ConfigureAwait(false);
            if (!valid && exitCode == 0)
            {
                exitCode = 1;
            }
        }

        return exitCode;
    }

    private static async Task<byte[]> ReadStandardInputAsync(CancellationToken cancellation)
    {
        using var buffer = new MemoryStream();
        await using var input = Console.OpenStandardInput();
        await input.CopyToAsync(buffer, cancellation).ConfigureAwait(false);
        return buffer.ToArray();
    }
}
