using System.Buffers;
using System.IO.Compression;

namespace SimpleActors.Sip.Message;

/// <summary>
/// The content-codings of a request body (RFC 3261 section 20.12) a UAS undoes before it reads the body (section
/// 8.2.3): <c>identity</c> and <c>deflate</c>. A deflate body is read as zlib format (RFC 1950, what HTTP's "deflate"
/// means and what liblinphone sends) or, failing that, as raw deflate (RFC 1951, what some implementations send). The
/// decoded body may not exceed the SIP body size limit: a compression bomb is refused, never inflated whole.
/// </summary>
public static class ContentCoding
{
    /// <summary>The Accept-Encoding this server answers with (RFC 3261 section 8.2.3: a 415 lists what it understands).</summary>
    public const string Accepted = "identity, deflate";

    /// <summary>The body to read (<see cref="Status"/> 0), or the refusal to answer with.</summary>
    public readonly record struct Decoded(ReadOnlyMemory<byte> Body, int Status, string? Reason)
    {
        public bool IsRefused => Status != 0;
    }

    /// <summary>
    /// Undoes the codings of <paramref name="contentEncoding"/> (every Content-Encoding value, in the order they were
    /// applied) on <paramref name="body"/>. 415 for a coding other than identity or deflate; 413 when the decoded body
    /// would exceed <paramref name="maxDecodedSize"/> bytes; 400 when the body is not deflate data. An empty body (the
    /// unsubscribe liblinphone sends keeps its Content-Encoding) is left empty.
    /// </summary>
    public static Decoded Decode(IEnumerable<string> contentEncoding, ReadOnlyMemory<byte> body, int maxDecodedSize)
    {
        ArgumentNullException.ThrowIfNull(contentEncoding);
        List<string> codings;
        try
        {
            codings = contentEncoding.SelectMany(HeaderValueList.Split).ToList();
        }
        catch (Parsing.SipParseException e)
        {
            // A list the grammar refuses (an unterminated or control-bearing quoted string): the request is malformed,
            // RFC 3261 section 21.4.1 (found by the edge fuzz target: it escaped as a 500).
            return new Decoded(body, 400, "Malformed Content-Encoding: " + e.Reason);
        }

        if (codings.FirstOrDefault(c => !IsIdentity(c) && !IsDeflate(c)) is { } unknown)
        {
            return new Decoded(body, 415, $"Content-Encoding {unknown} not supported");
        }

        // Section 20.12: the codings are listed in the order they were applied, so they are undone from the last.
        for (var i = codings.Count - 1; i >= 0 && !body.IsEmpty; i--)
        {
            if (IsIdentity(codings[i]))
            {
                continue;
            }

            var inflated = Inflate(body, zlib: true, maxDecodedSize);
            if (inflated.Status == 400)
            {
                inflated = Inflate(body, zlib: false, maxDecodedSize);
            }

            if (inflated.IsRefused)
            {
                return inflated;
            }

            body = inflated.Body;
        }

        return new Decoded(body, 0, null);
    }

    private static bool IsIdentity(string coding) => string.Equals(coding, "identity", StringComparison.OrdinalIgnoreCase);

    private static bool IsDeflate(string coding) => string.Equals(coding, "deflate", StringComparison.OrdinalIgnoreCase);

    private static Decoded Inflate(ReadOnlyMemory<byte> body, bool zlib, int maxDecodedSize)
    {
        var input = new MemoryStream(body.ToArray(), writable: false);
        using Stream inflater = zlib ? new ZLibStream(input, CompressionMode.Decompress) : new DeflateStream(input, CompressionMode.Decompress);
        var output = new ArrayBufferWriter<byte>(Math.Min(maxDecodedSize + 1, Math.Max(256, body.Length * 4)));
        var chunk = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            int read;
            while ((read = inflater.Read(chunk, 0, Math.Min(chunk.Length, maxDecodedSize + 1 - output.WrittenCount))) > 0)
            {
                output.Write(chunk.AsSpan(0, read));
                if (output.WrittenCount > maxDecodedSize)
                {
                    return new Decoded(body, 413, $"Decoded body exceeds {maxDecodedSize} bytes");
                }
            }
        }
        catch (InvalidDataException)
        {
            return new Decoded(body, 400, "Body is not deflate data");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return new Decoded(output.WrittenMemory, 0, null);
    }
}
