using System.CommandLine;
using Microsoft.Extensions.Configuration;
using SimpleActors.Edge.Auth;
using SimpleActors.Edge.Configuration;
using SimpleActors.Node.Configuration;

namespace SimpleActors.Node.Commands;

/// <summary>
/// <c>simpleactors user add|remove|list</c>: edits the credentials file (<c>Auth:UsersFile</c>,
/// <c>config/users.json</c> by default). A running node picks a change up within a second.
/// Exit codes: 0 done, 1 nothing to do (remove of an unknown user) or the file could not be
/// written, 2 bad input (an AOR that is not one, an empty password, a malformed file).
/// </summary>
internal static class UserCommand
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    public static Command Create()
    {
        var file = new Option<FileInfo?>("--file")
        {
            Description = "The credentials file; default Auth:UsersFile from the configuration (config/users.json), relative to the current directory.",
            Recursive = true,
        };
        var config = new Option<FileInfo?>("--config")
        {
            Description = "A JSON configuration file layered over config/simpleactors.json (for Auth:UsersFile and Domains).",
            Recursive = true,
        };

        var addAor = new Argument<string?>("AOR") { Description = "The address of record, e.g. sip:alice@example.com.", Arity = ArgumentArity.ZeroOrOne };
        var password = new Option<string?>("--password")
        {
            Description = "The password; - reads it from the first line of standard input. Only its HA1 hashes are stored.",
        };
        var add = new Command("add", "Add a user, or set the password of an existing one.") { addAor, password };
        add.TreatUnmatchedTokensAsErrors = false;
        add.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (RejectUnmatched(parse, error) is { } code)
            {
                return code;
            }

            var settings = Resolve(parse.GetValue(config), parse.GetValue(file));
            var secret = parse.GetValue(password);
            if (secret == "-")
            {
                secret = Console.In.ReadLine();
            }

            return Add(settings.UsersFile, parse.GetValue(addAor), secret, settings.Domains, output, error);
        });

        var removeAor = new Argument<string?>("AOR") { Description = "The address of record to remove.", Arity = ArgumentArity.ZeroOrOne };
        var remove = new Command("remove", "Remove a user.") { removeAor };
        remove.TreatUnmatchedTokensAsErrors = false;
        remove.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (RejectUnmatched(parse, error) is { } code)
            {
                return code;
            }

            var settings = Resolve(parse.GetValue(config), parse.GetValue(file));
            return Remove(settings.UsersFile, parse.GetValue(removeAor), parse.InvocationConfiguration.Output, error);
        });

        var json = new Option<bool>("--json") { Description = "Print the file's JSON, HA1 hashes included." };
        var list = new Command("list", "List the users and the digest algorithms stored for each (never the hashes, unless --json).") { json };
        list.TreatUnmatchedTokensAsErrors = false;
        list.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (RejectUnmatched(parse, error) is { } code)
            {
                return code;
            }

            var settings = Resolve(parse.GetValue(config), parse.GetValue(file));
            return List(settings.UsersFile, parse.GetValue(json), parse.InvocationConfiguration.Output, error);
        });

        return new Command("user", "Manage the users of digest authentication (the credentials file).") { file, config, add, remove, list };
    }

    /// <summary>Adds <paramref name="aor"/> (canonicalised) or replaces its HA1s; warns when its domain is not served.</summary>
    public static int Add(string usersFile, string? aor, string? password, IReadOnlyList<string> servedDomains, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(servedDomains);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (string.IsNullOrWhiteSpace(aor))
        {
            error.WriteLine("simpleactors user add: an AOR is required, e.g. simpleactors user add sip:alice@example.com --password ...");
            return BadInput;
        }

        if (string.IsNullOrEmpty(password))
        {
            error.WriteLine("simpleactors user add: --password is required and must not be empty.");
            return BadInput;
        }

        StoredUser user;
        try
        {
            user = StoredUser.Create(aor, password);
        }
        catch (FormatException e)
        {
            error.WriteLine($"simpleactors user add: {e.Message}");
            return BadInput;
        }

        if (!servedDomains.Contains(user.Realm, StringComparer.OrdinalIgnoreCase))
        {
            error.WriteLine($"warning: {user.Realm} is not a served domain ({string.Join(", ", servedDomains)}); {user.Aor} cannot sign in until it is added to Domains.");
        }

        var existed = false;
        var code = Update(usersFile, "add", users =>
        {
            existed = users.TryGet(user.Aor, out _);
            return users.WithUser(user);
        }, error);
        if (code == Ok)
        {
            output.WriteLine($"{(existed ? "updated" : "added")} {user.Aor} ({string.Join(", ", user.Algorithms)}) in {usersFile}");
        }

        return code;
    }

    /// <summary>Removes <paramref name="aor"/>; 1 when there is no such user.</summary>
    public static int Remove(string usersFile, string? aor, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!StoredUser.TryCanonicalAor(aor, out var canonical))
        {
            error.WriteLine($"simpleactors user remove: '{aor}' is not a SIP address of record like sip:alice@example.com.");
            return BadInput;
        }

        var found = true;
        var code = Update(usersFile, "remove", users =>
        {
            found = users.TryGet(canonical, out _);
            return found ? users.WithoutUser(canonical) : null;
        }, error);
        if (code != Ok)
        {
            return code;
        }

        if (!found)
        {
            error.WriteLine($"simpleactors user remove: no user {canonical} in {usersFile}.");
            return Failed;
        }

        output.WriteLine($"removed {canonical} from {usersFile}");
        return Ok;
    }

    /// <summary>Prints one line per user: the AOR and its algorithms; with <paramref name="json"/> the file itself.</summary>
    public static int List(string usersFile, bool json, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        UsersFile users;
        try
        {
            users = UsersFile.Read(usersFile);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"simpleactors user list: {e.Message}");
            return e is InvalidDataException ? BadInput : Failed;
        }

        if (!File.Exists(usersFile))
        {
            error.WriteLine($"no credentials file at {usersFile} (no users); simpleactors user add creates it.");
        }

        if (json)
        {
            output.Write(users.ToJson());
            return Ok;
        }

        foreach (var user in users.Users)
        {
            output.WriteLine($"{user.Aor}  {string.Join(",", user.Algorithms)}");
        }

        return Ok;
    }

    /// <summary>
    /// The credentials file and the served domains from the configuration, read as <c>run</c> reads
    /// it (shipped and local <c>config/simpleactors.json</c>, <c>--config</c>, <c>SIMPLEACTORS__</c>
    /// variables); <paramref name="file"/> overrides the file. Relative paths are taken from the current directory.
    /// </summary>
    public static (string UsersFile, IReadOnlyList<string> Domains) Resolve(FileInfo? configFile, FileInfo? file, NodeConfigurationSources? sources = null)
    {
        (var options, sources) = NodeConfiguration.ReadOptions(configFile, sources);
        var path = file?.FullName
                   ?? Path.GetFullPath(string.IsNullOrWhiteSpace(options.Auth.UsersFile) ? AuthOptions.DefaultUsersFile : options.Auth.UsersFile, sources.CurrentDirectory);
        return (path, [.. options.Domains]);
    }

    private static int Update(string usersFile, string verb, Func<UsersFile, UsersFile?> change, TextWriter error)
    {
        try
        {
            var before = UsersFile.Read(usersFile);
            var after = change(before);
            after?.Write(usersFile);
            return Ok;
        }
        catch (InvalidDataException e)
        {
            error.WriteLine($"simpleactors user {verb}: {e.Message} Nothing was changed.");
            return BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"simpleactors user {verb}: cannot write {usersFile}: {e.Message}");
            return Failed;
        }
    }

    private static int? RejectUnmatched(ParseResult parse, TextWriter error)
    {
        if (parse.UnmatchedTokens.Count == 0)
        {
            return null;
        }

        error.WriteLine($"simpleactors user: unexpected {string.Join(" ", parse.UnmatchedTokens)}; see simpleactors user --help.");
        return BadInput;
    }
}
