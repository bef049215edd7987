using System.Collections;

namespace SimpleActors.Sip.Message;

/// <summary>
/// The ordered header fields of a message. Order is kept (it matters for Via, Route and Record-Route,
/// RFC 3261 section 7.3.1) and so are repeated and unknown headers. Lookups by <see cref="KnownHeader"/>
/// scan a short array and allocate nothing.
/// </summary>
public sealed class HeaderCollection : IReadOnlyList<HeaderField>
{
    private HeaderField[] fields;

    public HeaderCollection()
    {
        fields = [];
    }

    internal HeaderCollection(HeaderField[] fields, int count)
    {
        this.fields = fields;
        Count = count;
    }

    public int Count { get; private set; }

    /// <summary>Changes with every change of the rows; a cache of parsed values is valid while it stays the same.</summary>
    public int Version { get; private set; }

    public HeaderField this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return fields[index];
        }
    }

    /// <summary>True if at least one field of the header is present.</summary>
    public bool Contains(KnownHeader header) => IndexOf(header) >= 0;

    /// <summary>How many rows of the header the message carries.</summary>
    public int CountOf(KnownHeader header)
    {
        var n = 0;
        for (var i = 0; i < Count; i++)
        {
            if (fields[i].Id == header)
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>The index of the first row of the header, or -1.</summary>
    public int IndexOf(KnownHeader header)
    {
        for (var i = 0; i < Count; i++)
        {
            if (fields[i].Id == header)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The first row of the header, if any.</summary>
    public bool TryGetFirst(KnownHeader header, out HeaderField field)
    {
        var i = IndexOf(header);
        field = i >= 0 ? fields[i] : default;
        return i >= 0;
    }

    /// <summary>The value of the first row of the header, or null.</summary>
    public string? GetFirstValue(KnownHeader header) => TryGetFirst(header, out var field) ? field.Value : null;

    /// <summary>The value of the first row with this name (known or unknown, any case), or null.</summary>
    public string? GetFirstValue(string name)
    {
        var id = HeaderNames.Lookup(name);
        if (id != KnownHeader.Unknown)
        {
            return GetFirstValue(id);
        }

        for (var i = 0; i < Count; i++)
        {
            if (fields[i].Id == KnownHeader.Unknown && string.Equals(fields[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return fields[i].Value;
            }
        }

        return null;
    }

    /// <summary>The values of every row of the header, in order (each row may itself be a comma list).</summary>
    public IEnumerable<string> GetValues(KnownHeader header)
    {
        // Allocation-free callers index the rows with IndexOf/this[] instead.
        for (var i = 0; i < Count; i++)
        {
            if (fields[i].Id == header)
            {
                yield return fields[i].Value;
            }
        }
    }

    public void Add(HeaderField field)
    {
        if (Count == fields.Length)
        {
            Array.Resize(ref fields, Math.Max(8, fields.Length * 2));
        }

        fields[Count++] = field;
        Version++;
    }

    public void Add(KnownHeader header, string value) => Add(HeaderField.Create(header, value));

    public void Add(string name, string value) => Add(HeaderField.Create(name, value));

    /// <summary>Inserts a row before the row at <paramref name="index"/> (a proxy's Via or Record-Route goes on top).</summary>
    public void Insert(int index, HeaderField field)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)index, (uint)Count, nameof(index));
        Add(field);
        Array.Copy(fields, index, fields, index + 1, Count - 1 - index);
        fields[index] = field;
        Version++;
    }

    /// <summary>Replaces every row of the header by one row with this value (or appends it).</summary>
    public void Set(KnownHeader header, string value)
    {
        var field = HeaderField.Create(header, value);
        var i = IndexOf(header);
        if (i < 0)
        {
            Add(field);
            return;
        }

        fields[i] = field;
        Version++;
        RemoveAll(header, i + 1);
    }

    /// <summary>Replaces the row at an index.</summary>
    public void SetAt(int index, HeaderField field)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        fields[index] = field;
        Version++;
    }

    public void RemoveAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        Count--;
        Array.Copy(fields, index + 1, fields, index, Count - index);
        fields[Count] = default;
        Version++;
    }

    /// <summary>Removes every row of the header; returns how many were removed.</summary>
    public int RemoveAll(KnownHeader header) => RemoveAll(header, 0);

    private int RemoveAll(KnownHeader header, int from)
    {
        var write = from;
        for (var read = from; read < Count; read++)
        {
            if (fields[read].Id != header)
            {
                fields[write++] = fields[read];
            }
        }

        var removed = Count - write;
        Array.Clear(fields, write, removed);
        Count = write;
        Version++;
        return removed;
    }

    /// <summary>A copy that can be changed without touching this collection (values are shared, being immutable).</summary>
    public HeaderCollection Clone() => new((HeaderField[])fields.Clone(), Count);

    public IEnumerator<HeaderField> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return fields[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Same rows in the same order with the same values.</summary>
    public bool SequenceEqual(HeaderCollection other)
    {
        if (other.Count != Count)
        {
            return false;
        }

        for (var i = 0; i < Count; i++)
        {
            if (!fields[i].Equals(other.fields[i]))
            {
                return false;
            }
        }

        return true;
    }
}
