using System.Text;
using System.Text.RegularExpressions;

namespace SimpleActors.Integration.Tests.Readme;

/// <summary>
/// The repository's README.md as a list of the commands it shows: every line of its <c>sh</c> code blocks, with
/// continuation lines (<c>\</c>) joined and comments removed, exactly as a reader would paste them.
/// </summary>
internal static partial class ReadmeDocument
{
    /// <summary>The top folder of the repository this test was built from (the one with SimpleActors.sln).</summary>
    public static string Repository { get; } = FindRepository();

    public static string Text => File.ReadAllText(Path.Combine(Repository, "README.md"));

    /// <summary>The commands of the README's shell code blocks, in order.</summary>
    public static IReadOnlyList<string> Commands(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var commands = new List<string>();
        var inShell = false;
        var inOther = false;
        var pending = new StringBuilder();
        foreach (var raw in markdown.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                if (inShell || inOther)
                {
                    inShell = inOther = false;
                }
                else
                {
                    var language = line[3..].Trim();
                    inShell = language is "sh" or "bash" or "shell";
                    inOther = !inShell;
                }

                continue;
            }

            if (!inShell)
            {
                continue;
            }

            var code = WithoutComment(line).Trim();
            if (code.Length == 0)
            {
                continue;
            }

            if (code.EndsWith('\\'))
            {
                pending.Append(code[..^1].TrimEnd()).Append(' ');
                continue;
            }

            commands.Add(pending.Append(code).ToString());
            pending.Clear();
        }

        return commands;
    }

    /// <summary>
    /// The inline code spans of the prose that look like commands to run (<c>./...</c> or <c>dotnet ...</c>); synopses of
    /// the installed executable (<c>simpleactors ...</c>) and option names are not commands.
    /// </summary>
    public static IReadOnlyList<string> InlineCommands(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var prose = FencedBlock().Replace(markdown, string.Empty);
        return [.. InlineCode().Matches(prose).Select(m => m.Groups[1].Value).Where(c => c.StartsWith("./", StringComparison.Ordinal) || c.StartsWith("dotnet ", StringComparison.Ordinal))];
    }

    /// <summary>The line up to a <c>#</c> that starts a comment: outside quotes, at the start or after a blank.</summary>
    private static string WithoutComment(string line)
    {
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is not null)
            {
                quote = c == quote ? null : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1])))
            {
                return line[..i];
            }
        }

        return line;
    }

    private static string FindRepository()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SimpleActors.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("SimpleActors.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex InlineCode();
}
