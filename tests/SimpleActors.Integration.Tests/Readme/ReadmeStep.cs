namespace SimpleActors.Integration.Tests.Readme;

/// <summary>
/// One step of the README walkthrough: a command the README shows, run and checked (<see cref="Command"/> is its text,
/// exactly as the README has it), or an action between commands that the README describes in words, such as stopping
/// a server (<see cref="Command"/> null).
/// </summary>
internal sealed record ReadmeStep(string? Command, string Description, Func<ReadmeWalk, Task> Run)
{
    public static ReadmeStep Of(string command, Func<ReadmeWalk, string, Task> run) => new(command, command, walk => run(walk, command));

    public static ReadmeStep Action(string description, Func<ReadmeWalk, Task> run) => new(null, description, run);
}
