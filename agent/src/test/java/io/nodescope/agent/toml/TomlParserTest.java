package io.nodescope.agent.toml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TomlParserTest {

    @Test
    void readsTablesArraysOfTablesAndDottedKeysInFileOrder() throws Exception {
        TomlTable root = TomlParser.parse("include = ['a.toml']\n"
                + "[telemetry.traces]\nenabled = true\n"
                + "[telemetry.metrics]   # comment\nbind_address = \"127.0.0.1:9464\"\n"
                + "[[rule]]\nname = 'one'\nclass.name = 'x.Y'\nclass.supertype = 'x.Z'\n"
                + "[[rule]]\nname = 'two'\nvalues = { command = '$this.name()', 'quoted key' = 1 }\n"
                + "[rule.method]\nname = 'run'\n");
        assertEquals(Map.of("include", List.of("a.toml"),
                "telemetry", Map.of("traces", Map.of("enabled", true), "metrics", Map.of("bind_address", "127.0.0.1:9464")),
                "rule", List.of(Map.of("name", "one", "class", Map.of("name", "x.Y", "supertype", "x.Z")),
                        Map.of("name", "two", "values", Map.of("command", "$this.name()", "quoted key", 1L), "method", Map.of("name", "run")))),
                PlainToml.of(root));
        assertEquals(List.of("include", "telemetry", "rule"), new ArrayList<>(root.keySet()));
    }

    @Test
    void remembersWhereKeysAndElementsStart() throws Exception {
        TomlTable root = TomlParser.parse("a = 1\n\n[t]\n  b = [1,\n    2]\n[[r]]\n[[r]]\n  c.d = 'x'\n");
        assertEquals("1:1", root.positionOf("a").toString());
        assertEquals("3:1", root.positionOf("t").toString());
        TomlTable t = (TomlTable) root.get("t");
        assertEquals("4:3", t.positionOf("b").toString());
        assertEquals("5:5", ((TomlArray) t.get("b")).positionOf(1).toString());
        TomlArray r = (TomlArray) root.get("r");
        assertEquals("7:1", r.positionOf(1).toString());
        assertEquals("8:3", ((TomlTable) r.get(1)).positionOf("c").toString());
    }

    @Test
    void readsEveryKindOfString() throws Exception {
        TomlTable root = TomlParser.parse("basic = \"tab\\there \\\"q\\\" \\u00e9 \\U0001F600\"\n"
                + "literal = 'C:\\path\\no-escapes'\n"
                + "multi = \"\"\"\nfirst\\\n    second\n\"\"\"\n"
                + "quotes = \"\"\"two \"\"here\"\"\"\"\"\n"
                + "raw = '''\nline one\r\nline 'two'\n'''\n");
        assertEquals("tab\there \"q\" \u00e9 \uD83D\uDE00", root.get("basic"));
        assertEquals("C:\\path\\no-escapes", root.get("literal"));
        assertEquals("firstsecond\n", root.get("multi"));
        assertEquals("two \"\"here\"\"", root.get("quotes"));
        assertEquals("line one\nline 'two'\n", root.get("raw"));
    }

    @Test
    void readsNumbersBooleansAndDates() throws Exception {
        TomlTable root = TomlParser.parse("i = +1_000\nn = -17\nh = 0xdead_BEEF\no = 0o755\nb = 0b1101\n"
                + "f = 6.626e-34\ng = -0.5\ne = 5E+22\ninf = -inf\nnan = nan\nyes = true\nno = false\n"
                + "odt = 1979-05-27 07:32:00Z\nodt2 = 1979-05-27T00:32:00.999-07:00\nldt = 1979-05-27T07:32:00\n"
                + "ld = 1979-05-27\nlt = 07:32:00.5\n");
        assertEquals(1000L, root.get("i"));
        assertEquals(-17L, root.get("n"));
        assertEquals(0xdeadbeefL, root.get("h"));
        assertEquals(0755L, root.get("o"));
        assertEquals(13L, root.get("b"));
        assertEquals(6.626e-34, root.get("f"));
        assertEquals(-0.5, root.get("g"));
        assertEquals(5e22, root.get("e"));
        assertEquals(Double.NEGATIVE_INFINITY, root.get("inf"));
        assertTrue(((Double) root.get("nan")).isNaN());
        assertEquals(true, root.get("yes"));
        assertEquals(false, root.get("no"));
        assertEquals(OffsetDateTime.parse("1979-05-27T07:32:00Z"), root.get("odt"));
        assertEquals(OffsetDateTime.parse("1979-05-27T00:32:00.999-07:00"), root.get("odt2"));
        assertEquals(LocalDateTime.parse("1979-05-27T07:32:00"), root.get("ldt"));
        assertEquals(LocalDate.parse("1979-05-27"), root.get("ld"));
        assertEquals(LocalTime.parse("07:32:00.5"), root.get("lt"));
    }

    @Test
    void readsArraysAcrossLinesWithCommentsAndATrailingComma() throws Exception {
        TomlTable root = TomlParser.parse("a = [ # first\n  1, 'two', [3],\n  { x = 4 }, # last\n]\nempty = []\n");
        assertEquals(List.of(1L, "two", List.of(3L), Map.of("x", 4L)), PlainToml.of(root.get("a")));
        assertEquals(List.of(), PlainToml.of(root.get("empty")));
    }

    @Test
    void acceptsCrLfABomAndHeadersWithBlanks() throws Exception {
        TomlTable root = TomlParser.parse("\uFEFFa = 1\r\n[ t . 'u v' ]\r\nb = 2\r\n[[ r ]]\r\n");
        assertEquals(Map.of("a", 1L, "t", Map.of("u v", Map.of("b", 2L)), "r", List.of(Map.of())), PlainToml.of(root));
    }

    @Test
    void letsAHeaderDefineATableCreatedOnTheWayAndSubTablesOfDottedKeys() throws Exception {
        TomlTable root = TomlParser.parse("[a.b]\nx = 1\n[a]\ny = 2\n[f]\napple.color = 'red'\n[f.apple.texture]\nsmooth = true\n");
        assertEquals(Map.of("a", Map.of("b", Map.of("x", 1L), "y", 2L),
                "f", Map.of("apple", Map.of("color", "red", "texture", Map.of("smooth", true)))), PlainToml.of(root));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "a = 1\\na = 2                      | 2:1 | key a is defined twice",
        "[t]\\n[t]                          | 2:1 | table [t] is already defined",
        "a = 1\\n[a]                        | 2:1 | table [a] is already defined",
        "[f]\\napple.color = 1\\n[f.apple]  | 3:1 | table [f.apple] is already defined",
        "a = []\\n[[a]]                     | 2:1 | cannot append a table to a, already defined as an array",
        "a = {x = 1}\\na.y = 2              | 2:1 | cannot add keys under a, already defined as a table elsewhere",
        "a = {x = 1}\\n[a.b]                | 2:1 | cannot add a table under a, already defined as a table",
        "[a.b]\\n[a]\\nb.c = 1              | 3:1 | cannot add keys under b, already defined as a table elsewhere",
        "a = \\n                            | 1:5 | expected a value, found the end of the line",
        "a = 'open\\nb = 1                  | 1:5 | the string is not closed on its line",
        "a = \"\"\"open                     | 1:5 | the multi-line string is not closed",
        "a = \"bad \\q\"                    | 1:10 | unknown escape \\q",
        "a = \"\\uD800\"                    | 1:6 | not a Unicode scalar value: \\uD800",
        "a = 1 b = 2                        | 1:7 | expected the end of the line, found 'b'",
        "a = 012                            | 1:5 | not a valid value: 012",
        "a = 1__0                           | 1:5 | not a valid value: 1__0",
        "a = 9223372036854775808            | 1:5 | integer out of range: 9223372036854775808",
        "a = 1.                             | 1:5 | not a valid value: 1.",
        "a = TRUE                           | 1:5 | expected a value, found 'T'",
        "a = [1 2]                          | 1:8 | expected , or ] in the array, found '2'",
        "a = {x = 1,}                       | 1:12 | an inline table cannot end with a comma",
        "a = {x = 1\\n}                     | 1:11 | expected , or } in the inline table (which must stay on one line), found the end of the line",
        "[a                                 | 1:3 | expected ] to close the table header, found the end of the file",
        "[[a] ]                             | 1:5 | expected ]] to close the header of the array of tables, found ' '",
        "= 1                                | 1:1 | expected a key, found '='",
        "a.\"\"\"b\"\"\" = 1                | 1:3 | a key cannot be a multi-line string",
        "a = 1979-13-01                     | 1:5 | not a valid date or time: 1979-13-01",
    })
    void stopsAtTheFirstMistakeWithItsPosition(String text, String position, String message) {
        TomlSyntaxException e = assertThrows(TomlSyntaxException.class, () -> TomlParser.parse(text.strip().replace("\\n", "\n")));
        assertEquals(message, e.getMessage());
        assertEquals(position, e.position().toString());
    }

    @Test
    void rejectsControlCharactersInStringsAndComments() {
        TomlSyntaxException e = assertThrows(TomlSyntaxException.class, () -> TomlParser.parse("a = 1 # bell \u0007\n"));
        assertEquals("control character U+0007 must be escaped", e.getMessage());
        assertEquals("1:14", e.position().toString());
        assertThrows(TomlSyntaxException.class, () -> TomlParser.parse("a = 'x\u0000'"));
        assertThrows(TomlSyntaxException.class, () -> TomlParser.parse("a = 1\rb = 2"));
    }

}
