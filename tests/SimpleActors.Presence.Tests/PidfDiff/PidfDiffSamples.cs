namespace SimpleActors.Presence.Tests.PidfDiff;

/// <summary>
/// The RFC 5262 example (section 3; copyright the IETF Trust), reconstructed from memory and from the checklist: a
/// <c>pidf-full</c> of <c>pres:someone@example.com</c> version 567 with three tuples, a note and a person, then the
/// <c>pidf-diff</c> version 568 that adds a tuple before the note, opens tuple r1230d, removes an activity and changes a
/// contact priority. Details (ids, priorities, texts) are ours where memory failed.
/// </summary>
internal static class PidfDiffSamples
{
    public const string Full567 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <p:pidf-full xmlns="urn:ietf:params:xml:ns:pidf"
            xmlns:p="urn:ietf:params:xml:ns:pidf-diff"
            xmlns:r="urn:ietf:params:xml:ns:pidf:rpid"
            xmlns:c="urn:ietf:params:xml:ns:pidf:caps"
            xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
            entity="pres:someone@example.com"
            version="567">
         <tuple id="sg89ae">
          <status>
           <basic>open</basic>
          </status>
          <c:servcaps>
           <c:audio>true</c:audio>
           <c:video>false</c:video>
          </c:servcaps>
          <contact priority="0.8">tel:+09012345678</contact>
         </tuple>
         <tuple id="cg231jcr">
          <status>
           <basic>open</basic>
          </status>
          <contact priority="1.0">im:pep@example.com</contact>
         </tuple>
         <tuple id="r1230d">
          <status>
           <basic>closed</basic>
          </status>
          <contact priority="0.9">mailto:someone@example.com</contact>
         </tuple>
         <note xml:lang="en">Full state presence document</note>
         <dm:person id="p1">
          <r:activities>
           <r:busy/>
           <r:meeting/>
          </r:activities>
         </dm:person>
        </p:pidf-full>
        """;

    public const string Diff568 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <p:pidf-diff xmlns="urn:ietf:params:xml:ns:pidf"
            xmlns:p="urn:ietf:params:xml:ns:pidf-diff"
            xmlns:r="urn:ietf:params:xml:ns:pidf:rpid"
            xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
            entity="pres:someone@example.com"
            version="568">
         <p:add sel="presence/note" pos="before"><tuple id="ert4773"><status><basic>open</basic></status><contact priority="0.4">mailto:pep@example.com</contact><note xml:lang="en">This is a new tuple inserted between the last tuple and note element</note></tuple></p:add>
         <p:replace sel="*/tuple[@id='r1230d']/status/basic/text()">open</p:replace>
         <p:remove sel="*/dm:person/r:activities/r:busy" ws="after"/>
         <p:replace sel="*/tuple[@id='cg231jcr']/contact/@priority">0.7</p:replace>
        </p:pidf-diff>
        """;

    public static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);
}
