using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using SimpleActors.Sip.Auth;

namespace SimpleActors.Edge.Auth;

/// <summary>
/// The credentials file (<c>Auth:UsersFile</c>, by default <c>config/users.json</c>): users with
/// their HA1 per algorithm, never passwords. Read by <see cref="UserDirectory"/>, written by
/// <c>simpleactors user</c>. A write goes to a temporary file in the same folder that is then
/// renamed over the old one, so a reader sees the old file or the new one, never half of one.
/// </summary>
/// <example>
/// <code>
/// {
///   "comment": "...",
///   "users": [
///     { "aor": "sip:alice@example.com", "realm": "example.com",
///       "ha1": { "SHA-256": "...", "MD5": "..." } }
///   ]
/// }
/// </code>
/// </example>
public sealed class UsersFile
{
    private static readonly JsonDocumentOptions ReadOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>The mode a written file gets on Unix: 0600.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly Dictionary<string, StoredUser> _byAor;

    public UsersFile(IEnumerable<StoredUser> users, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(users);
        _byAor = new Dictionary<string, StoredUser>(StringComparer.Ordinal);
        foreach (var user in users)
        {
            if (!_byAor.TryAdd(user.Aor, user))
            {
                throw new ArgumentException($"{user.Aor} appears more than once.", nameof(users));
            }
        }

        Comment = comment;
    }

    /// <summary>A free-text note kept at the top of the file (the demo file says its users are demo users).</summary>
    public string? Comment { get; }

    /// <summary>The users, ordered by AOR.</summary>
    public IReadOnlyList<StoredUser> Users => [.. _byAor.Values.OrderBy(u => u.Aor, StringComparer.Ordinal)];

    public static UsersFile Empty { get; } = new([]);

    /// <summary>
    /// Reads the file; a missing file is an empty one. Throws <see cref="InvalidDataException"/>
    /// naming the file and the problem when the content is not a valid credentials file.
    /// </summary>
    public static UsersFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string json;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            json = reader.ReadToEnd();
        }
        catch (FileNotFoundException)
        {
            return Empty;
        }
        catch (DirectoryNotFoundException)
        {
            return Empty;
        }

        return Parse(json, path);
    }

    /// <summary>Parses the content of a credentials file; <paramref name="source"/> names it in errors.</summary>
    public static UsersFile Parse(string json, string source = "users file")
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, ReadOptions);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(source, "the top level must be an object with a \"users\" array");
            }

            string? comment = null;
            if (root.TryGetProperty("comment", out var commentElement) && commentElement.ValueKind == JsonValueKind.String)
            {
                comment = commentElement.GetString();
            }

            if (!root.TryGetProperty("users", out var usersElement))
            {
                return new UsersFile([], comment);
            }

            if (usersElement.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(source, "\"users\" must be an array");
            }

            var users = new List<StoredUser>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var element in usersElement.EnumerateArray())
            {
                var user = ParseUser(element, source, index);
                if (!seen.Add(user.Aor))
                {
                    throw Invalid(source, $"users[{index}]: {user.Aor} appears more than once");
                }

                users.Add(user);
                index++;
            }

            return new UsersFile(users, comment);
        }
        catch (JsonException e)
        {
            throw Invalid(source, $"not valid JSON (line {e.LineNumber + 1}): {e.Message}");
        }
    }

    public bool TryGet(string aor, [NotNullWhen(true)] out StoredUser? user)
    {
        user = null;
        return StoredUser.TryCanonicalAor(aor, out var canonical) && _byAor.TryGetValue(canonical, out user);
    }

    /// <summary>
    /// True on Unix when the file at <paramref name="path"/> may be read or written by its group or by others;
    /// <paramref name="mode"/> is its mode then.
    /// </summary>
    public static bool IsExposed(string path, out UnixFileMode mode)
    {
        ArgumentNullException.ThrowIfNull(path);
        mode = default;
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return false;
        }

        mode = File.GetUnixFileMode(path);
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
        return (mode & others) != 0;
    }

    /// <summary>A copy with <paramref name="user"/> added, or replacing the user with the same AOR.</summary>
    public UsersFile WithUser(StoredUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new UsersFile(_byAor.Values.Where(u => u.Aor != user.Aor).Append(user), Comment);
    }

    /// <summary>A copy without the user <paramref name="aor"/> (canonicalised).</summary>
    public UsersFile WithoutUser(string aor) =>
        TryGet(aor, out var user) ? new UsersFile(_byAor.Values.Where(u => u.Aor != user.Aor), Comment) : this;

    /// <summary>The file's JSON text.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            if (Comment is not null)
            {
                writer.WriteString("comment", Comment);
            }

            writer.WriteStartArray("users");
            foreach (var user in Users)
            {
                writer.WriteStartObject();
                writer.WriteString("aor", user.Aor);
                writer.WriteString("realm", user.Realm);
                writer.WriteStartObject("ha1");
                foreach (var algorithm in user.Algorithms)
                {
                    writer.WriteString(algorithm, user.Ha1[algorithm]);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
    }

    /// <summary>
    /// Writes the file atomically: a temporary file in the same folder, flushed to disk, then renamed
    /// over <paramref name="path"/>. On Unix the file is readable and writable by its owner only (0600),
    /// whatever its mode was: HA1 hashes are as good as passwords for digest authentication.
    /// </summary>
    public void Write(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly;
            }

            using (var stream = new FileStream(temporary, options))
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(ToJson());
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private static StoredUser ParseUser(JsonElement element, string source, int index)
    {
        var where = $"users[{index}]";
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(source, $"{where} must be an object");
        }

        var aor = RequiredString(element, "aor", source, where);
        if (!StoredUser.TryCanonicalAor(aor, out var canonical))
        {
            throw Invalid(source, $"{where}: \"{aor}\" is not a SIP address of record like sip:alice@example.com");
        }

        if (!string.Equals(aor, canonical, StringComparison.Ordinal))
        {
            throw Invalid(source, $"{where}: \"{aor}\" is not in canonical form; write \"{canonical}\"");
        }

        var realm = RequiredString(element, "realm", source, where);
        if (!element.TryGetProperty("ha1", out var ha1Element) || ha1Element.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(source, $"{where} ({aor}): \"ha1\" must be an object of algorithm -> hash");
        }

        var ha1 = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in ha1Element.EnumerateObject())
        {
            if (!DigestAlgorithm.TryParse(property.Name, out var algorithm) || algorithm.IsSession
                || !string.Equals(algorithm.Name, property.Name, StringComparison.Ordinal))
            {
                throw Invalid(source, $"{where} ({aor}): unknown algorithm \"{property.Name}\" (use MD5 or SHA-256)");
            }

            var hash = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : string.Empty;
            if (hash.Length != algorithm.HexLength || !hash.All(char.IsAsciiHexDigitLower))
            {
                throw Invalid(source, $"{where} ({aor}): the {algorithm.Name} HA1 must be {algorithm.HexLength} lower-case hex digits");
            }

            ha1[algorithm.Name] = hash;
        }

        if (ha1.Count == 0)
        {
            throw Invalid(source, $"{where} ({aor}): no HA1 stored");
        }

        return new StoredUser(canonical, realm, ha1);
    }

    private static string RequiredString(JsonElement element, string name, string source, string where)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw Invalid(source, $"{where}: \"{name}\" must be a non-empty string");
        }

        return value.GetString()!;
    }

    private static InvalidDataException Invalid(string source, string problem) => new($"{source}: {problem}.");
}
