namespace SimpleActors.Sip.Sdp;

/// <summary>Cuts SDP text into lines and the lines into the session part and the media descriptions.</summary>
internal static class SdpReader
{
    public static SessionDescription Read(string text, SdpLimits limits)
    {
        var lines = Split(text, limits);
        var firstMedia = lines.FindIndex(l => l.Type == 'm');
        var session = (firstMedia < 0 ? lines : lines[..firstMedia]).ToArray();
        var media = new List<MediaDescription>();
        var start = firstMedia;
        while (start >= 0)
        {
            if (media.Count == limits.MaxMediaDescriptions)
            {
                SdpError.Throw($"more than {limits.MaxMediaDescriptions} media descriptions", start + 1);
            }

            var next = lines.FindIndex(start + 1, l => l.Type == 'm');
            var end = next < 0 ? lines.Count : next;
            media.Add(MediaDescription.Read(lines[start..end].ToArray(), start + 1));
            start = next;
        }

        return SessionDescription.FromLines(session, media.ToArray());
    }

    // RFC 8866 section 5: lines end with CRLF; a bare LF is read too (section 5 asks parsers to accept it).
    private static List<SdpLine> Split(string text, SdpLimits limits)
    {
        var lines = new List<SdpLine>();
        var blankLine = 0;
        var number = 0;
        var at = 0;
        while (at < text.Length)
        {
            var newline = text.IndexOf('\n', at);
            var end = newline < 0 ? text.Length : newline;
            var line = text.AsSpan(at, end - at);
            at = end + 1;
            number++;
            if (!line.IsEmpty && line[^1] == '\r')
            {
                line = line[..^1];
            }

            if (line.IsEmpty)
            {
                blankLine = blankLine == 0 ? number : blankLine;
                continue;
            }

            if (blankLine != 0)
            {
                SdpError.Throw("an empty line inside the description", blankLine);
            }

            if (lines.Count == limits.MaxLines)
            {
                SdpError.Throw($"more than {limits.MaxLines} lines", number);
            }

            if (line.Length < 2 || !SdpLine.IsType(line[0]) || line[1] != '=')
            {
                SdpError.Throw("a line is not <type>=<value> with a lower-case letter type", number);
            }

            var value = line[2..];
            if (!SdpLine.IsValue(value))
            {
                SdpError.Throw(value.Contains('\0') ? "NUL in a line" : "a CR that does not end a line", number);
            }

            lines.Add(new SdpLine(line[0], value.ToString()));
        }

        return lines;
    }
}
