using System.Collections;

namespace SimpleActors.Msrp.Message;

/// <summary>
/// The header lines after To-Path and From-Path, in order. Unknown headers are kept and written back as they came
/// (RFC 4975 section 9, ext-header); a known header added here must read as its grammar says and appear once, the
/// same rules the parser applies, so that whatever is built can be written and read back.
/// </summary>
public sealed class MsrpHeaderCollection : IReadOnlyList<MsrpHeader>
{
    private readonly List<MsrpHeader> rows;

    public MsrpHeaderCollection()
        => rows = [];

    internal MsrpHeaderCollection(List<MsrpHeader> parsed)
        => rows = parsed;

    public int Count => rows.Count;

    public MsrpHeader this[int index] => rows[index];

    /// <summary>Adds a header line at the end. To-Path and From-Path are not headers here: they are the message's paths.</summary>
    public void Add(string name, string value) => Add(MsrpHeader.Create(name, value));

    /// <summary>Adds a header line at the end, after the checks of <see cref="Add(string, string)"/>.</summary>
    public void Add(MsrpHeader header)
    {
        Check(header, replacing: -1);
        rows.Add(header);
    }

    /// <summary>Replaces the value of the first line of that name, in place, or adds one; null removes every line of it.</summary>
    public void Set(string name, string? value)
    {
        if (value is null)
        {
            Remove(name);
            return;
        }

        var header = MsrpHeader.Create(name, value);
        var index = IndexOf(name);
        Check(header, index);
        if (index < 0)
        {
            rows.Add(header);
        }
        else
        {
            rows[index] = header;
        }
    }

    /// <summary>Removes every line of that name (case-insensitive); false when there was none.</summary>
    public bool Remove(string name) => rows.RemoveAll(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)) > 0;

    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The value of the first line of that name (case-insensitive), or null.</summary>
    public string? Get(string name) => IndexOf(name) is var i and >= 0 ? rows[i].Value : null;

    public IEnumerator<MsrpHeader> GetEnumerator() => rows.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void Check(MsrpHeader header, int replacing)
    {
        if (header.Name is null)
        {
            throw new ArgumentException("A header has a name", nameof(header));
        }

        if (header.Name is MsrpHeaderNames.ToPath or MsrpHeaderNames.FromPath)
        {
            throw new ArgumentException("To-Path and From-Path are the message's ToPath and FromPath", nameof(header));
        }

        if (MsrpHeaderValues.Check(header.Name, header.Value) is { } problem)
        {
            throw new ArgumentException(problem, nameof(header));
        }

        if (!MsrpHeaderValues.IsRepeatable(header.Name)
            && rows.Where((h, i) => i != replacing && string.Equals(h.Name, header.Name, StringComparison.OrdinalIgnoreCase)).Any())
        {
            throw new ArgumentException($"{header.Name} appears once", nameof(header));
        }
    }

    private int IndexOf(string name) => rows.FindIndex(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));
}
