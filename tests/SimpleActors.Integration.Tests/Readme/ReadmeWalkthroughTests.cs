using Xunit.Abstractions;

namespace SimpleActors.Integration.Tests.Readme;

/// <summary>
/// Every command the README shows runs as written on a fresh clone: each is a step of <see cref="ReadmeWalk"/> (or run
/// by CI as written), and the walk runs them all, in order, checking what the README says each does.
/// </summary>
[Collection(ReadmeRunsAlone.Name)]
public sealed class ReadmeWalkthroughTests(ITestOutputHelper log)
{
    private static IEnumerable<string> Walked => ReadmeWalk.Steps.Select(s => s.Command).OfType<string>();

    [Fact]
    public void Every_command_the_readme_shows_is_a_step_of_the_walkthrough_and_every_step_is_in_the_readme()
    {
        var commands = ReadmeDocument.Commands(ReadmeDocument.Text);
        var covered = Walked.Concat(ReadmeWalk.RunByCi).ToList();

        Assert.True(commands.Count >= 20, $"only {commands.Count} commands read from README.md");
        Assert.Empty(commands.Except(covered));
        Assert.Empty(covered.Except(commands));
        Assert.Equal(covered.Count, covered.Distinct().Count());
    }

    [Fact]
    public void A_command_in_the_prose_is_one_of_the_code_blocks()
    {
        var text = ReadmeDocument.Text;
        var commands = ReadmeDocument.Commands(text);

        Assert.All(ReadmeDocument.InlineCommands(text), inline => Assert.Contains(commands, c => c.Contains(inline, StringComparison.Ordinal)));
    }

    [Fact]
    public void The_commands_left_to_ci_are_lines_of_ci_run()
    {
        var lines = File.ReadAllLines(Path.Combine(ReadmeDocument.Repository, ".ci", "run"))
            .Where(line => !line.TrimStart().StartsWith('#'))
            .ToList();

        Assert.All(ReadmeWalk.RunByCi, command => Assert.Contains(lines, line => line.Contains(command, StringComparison.Ordinal)));
    }

    [Fact]
    public void Commands_are_read_from_shell_blocks_with_continuations_joined_and_comments_removed()
    {
        const string Markdown = """
            Text with `./simpleactors user list` and `simpleactors history ENTITY`.

            ```sh
            # a comment line
            ./simpleactors user add sip:dave@example.com --password 's3cret # not a comment'   # a comment
            ./simpleactors run --port 4056 \
              --Admin:Port=8084
            ```

            ```json
            { "not": "a command" }
            ```
            """;

        Assert.Equal(
            ["./simpleactors user add sip:dave@example.com --password 's3cret # not a comment'", "./simpleactors run --port 4056 --Admin:Port=8084"],
            ReadmeDocument.Commands(Markdown));
        Assert.Equal(["./simpleactors user list"], ReadmeDocument.InlineCommands(Markdown));
    }

    [Fact]
    public async Task The_readme_commands_run_as_written_on_a_clone()
    {
        using var clone = new ReadmeClone();
        using var walk = new ReadmeWalk(clone);
        foreach (var step in ReadmeWalk.Steps)
        {
            var started = DateTime.UtcNow;
            await step.Run(walk);
            log.WriteLine($"{(DateTime.UtcNow - started).TotalSeconds,6:F1} s  {step.Description}");
        }
    }
}
