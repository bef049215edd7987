using System.Text;
using SimpleActors.Msrp.IsComposing;
using SimpleActors.Msrp.Tests.Vectors;

namespace SimpleActors.Msrp.Tests.IsComposing;

public class IsComposingWriterTests
{
    [Theory]
    [InlineData("rfc3994-idle.xml")]
    [InlineData("rfc3994-active.xml")]
    public void The_RFC_3994_examples_read_back_equal_after_writing(string name)
    {
        var document = IsComposingReader.Read(BodyVector.Load("iscomposing", name));

        Assert.Equal(document, IsComposingReader.Read(IsComposingWriter.Write(document)));
    }

    [Fact]
    public void A_document_is_written_in_schema_order()
    {
        var document = new IsComposingDocument(ComposingState.Idle)
        {
            LastActive = new DateTimeOffset(2003, 1, 27, 10, 43, 0, TimeSpan.Zero),
            ContentType = "audio",
            Refresh = 60,
        };

        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<isComposing xmlns=\"urn:ietf:params:xml:ns:im-iscomposing\">\n"
            + "  <state>idle</state>\n  <lastactive>2003-01-27T10:43:00Z</lastactive>\n  <contenttype>audio</contenttype>\n"
            + "  <refresh>60</refresh>\n</isComposing>",
            Encoding.UTF8.GetString(IsComposingWriter.Write(document)));
    }

    [Fact]
    public void A_refresh_that_is_not_positive_cannot_be_written() =>
        Assert.Throws<ArgumentException>(() => IsComposingWriter.Write(new IsComposingDocument(ComposingState.Active) { Refresh = 0 }));
}
