# The rules of `zongjie lint`: one message per rule id, its one-line summary as the
# value and a longer explanation as `.explanation`. `zongjie rules` prints them.

rule-placeholder = An unfilled template slot: XX厅, X次, 20XX年, 《XXX》, ××, 某某, ____.
    .explanation =
        A template's slots are runs of X x × Ｘ ｘ, runs of two or more 某 or ○, and blanks of
        two or more underscores. A run touching a Latin letter or a digit is part of a word
        (XML, 7×24, SpaceX) — except 20XX年 —, a lone X starting a known term (X射线, X光)
        is not a slot, nor is an X joined to a Latin word by one space (iPhone X). Each slot
        gets a kind from the words around it: number, date, organization, person, title or
        other. A draft with a slot left in it is not ready to send.

rule-numbering = Section or list numbers that jump, repeat or mix styles: 一、二、四、.
    .explanation =
        Headings are numbered 一、 （一） 1. （1） level by level (GB/T 9704), and the
        numbers run without a gap or a repeat under each parent. Inline lists (一是……二是……)
        are checked for order too. The finding says which number was expected.

rule-heading-style = A heading marker not written the GB/T 9704 way: 一. for 一、, (一) for （一）.
    .explanation =
        GB/T 9704-2012 writes level 1 as 一、, level 2 as （一） in full-width brackets with
        nothing after them, level 3 as 1. and level 4 as （1）. A document that mixes styles
        at one level is told to use the standard one.

rule-missing-section = A section the document's genre requires is missing, such as 存在的问题.
    .explanation =
        Each genre (工作总结, 述职报告, 学习情况总结 …) has sections a reader expects: what was
        done, the results, the problems, the plans. Level-1 titles are matched against the
        role keywords of dicts/roles.txt; a required role that no level-1 section carries is
        reported once, at the top of the document.

rule-empty-section = A section heading with nothing under it.
    .explanation =
        A level-1 or level-2 heading (or any heading with sub-headings) directly followed by
        a heading of the same or a higher level has no body. List items are not sections.

rule-unbalanced = A bracket, quotation mark or book-title mark that is not closed or not opened.
    .explanation =
        （ ） ( ) 【 】 《 》 “ ” ‘ ’ must pair within a paragraph. An opening mark without its
        closing mark, or the reverse, is reported at the mark.

rule-repeated-phrase = A phrase or filler word used too often in one document (off by default).
    .explanation =
        Word sequences repeated several times in one document, and filler words such as
        进一步 used more often than about three times per thousand characters. A matter of
        style, so it is off unless turned on with --rule repeated-phrase or in zongjie.toml.

rule-formulation = An official formulation written wrong: members out of order or missing, a near-miss, an outdated congress.
    .explanation =
        Checked against dicts/formulations.txt and dicts/party_events.txt, each entry with its
        source: enumerations such as 四个意识 or 新发展理念 (members in their fixed order, the
        right count word, no member missing or foreign), fixed phrases (两学一做, not 两学一作),
        known wrong wordings, and the currency of congresses and plenums for the year the
        summary is about (from zongjie.toml's year, the title, or the first dated sentence).
        Partial mentions are fine: a name alone, or one member quoted alone.

rule-punctuation = Punctuation against GB/T 15834: 、 between quoted items, half-width marks in Chinese text, mixed quotes.
    .explanation =
        No 顿号 between items that each carry quotation marks or book-title marks
        ("四个意识""四个自信"); no half-width , ; : ( ) inside Chinese sentences (numbers,
        times, URLs, English and code are left alone); one style of quotation marks per
        document. Every finding carries its fix.
