"""The fourth fact check (verification.md §10.1 and §10.2, issue #29): the corrected statuses and records stay
corrected. Each assertion names the item of the check it pins."""
from __future__ import annotations

from guidance.data.status import rule_status


def _steps(data):
    return {s.id: s for s in data.steps}


def _std(data):
    return {s.id: s for s in data.standards}


def _refs(item) -> set[str]:
    return {r.id for r in item.sources}


def test_10_1_1_every_rule_has_a_status(data):
    for rid in ("MAPPA-LV-02", "MAPPA-LV-08", "MAPPA-MT-15"):
        assert rule_status(data, _steps(data)[rid]) is not None, rid
    for rid in ("RAS-02", "RAS-05", "RAS-06", "RAS-09", "RAS-17", "RAS-25", "RAS-27", "RAS-28", "RAS-30"):
        assert rule_status(data, _std(data)[rid]) is not None, rid
    for rid in ("RAS-05", "RAS-09"):  # an RMA standard binding accredited assessors applies now
        assert rule_status(data, _std(data)[rid]).state == "in force", rid


def test_10_1_2_the_olr_yearly_report_rests_on_the_act_with_one_status(data):
    step, fact = _steps(data)["MAPPA-MT-15"], data.facts["mappa-olr-air"]
    assert "cjsa-2003-s8" in _refs(step) and "cjsa-2003-s8" in _refs(fact)
    assert data.sources["cjsa-2003-s8"].kind == "legislation" and data.sources["cjsa-2003-s8"].in_force.state == "in force"
    assert rule_status(data, step).state == rule_status(data, fact).state == "in force"
    assert "Criminal Justice (Scotland) Act 2003" in rule_status(data, step).text


def test_10_1_3_conditional_discharge_is_the_tribunals_power_in_the_act(data):
    fact = data.facts["mappa-rp-cd-who-decides"]
    assert any(r.id == "mhcta-2003-s193" and r.at == "s193(7)" for r in fact.sources)
    got = rule_status(data, fact)
    assert got.state == "in force" and "Act 2003, section 193(7)" in got.text
    assert data.sources["mhcta-2003-s193"].in_force.since == "5 October 2005"


def test_10_1_4_lv_01_no_longer_says_lowest_level_as_the_current_rule(data):
    lv01 = _steps(data)["MAPPA-LV-01"]
    assert "lowest" not in lv01.action.lower() and "risk management plan" in lv01.action
    assert "2016" in lv01.note and "para 4.3" in lv01.note


def test_10_1_5_the_minutes_rule_has_one_status_as_a_step_and_as_a_fact(data):
    assert rule_status(data, _steps(data)["MAPPA-MT-08"]).state == "in force"
    assert rule_status(data, data.facts["mappa-info-minutes"]).state == "in force"


def test_10_1_6_enhanced_icm_applies_now_and_no_label_names_a_replaced_edition(data):
    lv07 = _steps(data)["MAPPA-LV-07"]
    assert lv07.applies_now is None and rule_status(data, lv07).state == "in force"
    assert any(r.id == "mappa-guidance" and "15.2" in (r.at or "") for r in lv07.sources)
    pm06 = rule_status(data, _steps(data)["MAPPA-PM-06"])
    assert "2016" not in pm06.reason and "2022" in pm06.reason


def test_10_1_8_who_sends_a_notification_is_this_sites_recommendation(data):
    for rid in ("MAPPA-ID-06", "MAPPA-ID-07"):
        step = _steps(data)[rid]
        assert step.basis == "site recommendation" and "does not name" not in step.action, rid
        assert rule_status(data, step).state == "recommendation", rid


def test_10_1_9_and_10_2_category_3_points_are_not_four_cumulative_tests(data):
    id05 = _steps(data)["MAPPA-ID-05"]
    assert "all four" not in id05.action and "before you treat them" not in id05.action
    assert "9.4" in " ".join(r.at or "" for r in id05.sources)


def test_10_1_10_10_1_12_10_1_13_scoped_steps(data):
    steps = _steps(data)
    assert "For a prisoner" in steps["MAPPA-ID-09"].action
    assert steps["MAPPA-MT-09"].when.text == "When a meeting sets a review date."
    assert "restricted-patient" not in steps["MAPPA-PM-02"].categories
    assert "10.5" in steps["MAPPA-PM-07"].note


def test_10_1_14_rma_questions_go_to_the_rma_and_titles_are_quoted(data):
    title = data.sources["rma-faq-rmp"].title
    assert "archived RMA website" in title
    for rid, item in {**_steps(data), **data.facts}.items():
        got = rule_status(data, item)
        if got and got.state == "not settled" and all("Risk Management Authority" in data.sources[r.id].publisher for r in item.sources):
            assert got.ask == "rma", rid


def test_10_1_15_and_10_1_17_current_documents_are_cited(data):
    mt05 = _steps(data)["MAPPA-MT-05"]
    assert any("document 12" in (r.at or "") for r in mt05.sources if r.id == "mappa-guidance")
    for rid in ("RAS-15", "RAS-29"):  # the tiers rest on the RMA's FRAME, never on the replaced youth guidance
        assert "rma-frame" in _refs(_std(data)[rid]) and "frame-local-authorities" not in _refs(_std(data)[rid]), rid
    assert "cycj-youth-rame-2021" not in _refs(_std(data)["RAS-15"])


def test_10_2_sentences_read_right_on_the_built_pages(site_dir):
    index = (site_dir / "mappa" / "index.html").read_text(encoding="utf-8")
    assert "page 4, page 4" not in index and "meet four tests" not in index
    prison = (site_dir / "mappa" / "prison" / "index.html").read_text(encoding="utf-8")
    assert "Enhanced ICM covers everyone in MAPPA. That means" not in prison


def _agency_step_ids(data, agency_id):
    from guidance.render.agencies import agency_steps

    return {s.id for s, _, _ in agency_steps(data, data.agency(agency_id))}


def test_10_1_2_the_olr_lead_authority_is_the_one_the_act_names_never_the_police(data):
    olr = ("MAPPA-MT-14", "MAPPA-MT-15", "MAPPA-MT-16")
    for rid in olr:
        assert _steps(data)[rid].actor == "olr-lead-authority", rid
    role = data.role("olr-lead-authority")
    assert "cjsa-2003-s7" in _refs(role) and data.sources["cjsa-2003-s7"].kind == "legislation"
    assert "not name the police" in role.description
    assert not set(olr) & _agency_step_ids(data, "police")  # the police page lists none of them
    for agency in ("council", "sps", "health"):  # community, prison, hospital (s7(3), (1), (2))
        assert set(olr) <= _agency_step_ids(data, agency), agency
        share = next(s for s in data.agency(agency).shared if s.role == "olr-lead-authority")
        assert any(r.id == "cjsa-2003-s7" for r in share.sources), agency
    assert "cjsa-2003-s7" in _refs(data.facts["mappa-olr-lead-authority"])


def test_10_1_11_registering_every_sex_offender_is_not_shown_as_a_health_boards_duty(data):
    health = next(s for s in data.agency("health").shared if s.role == "responsible-authorities")
    assert health.categories == ["restricted-patient"]  # s10(11); 2022 paras 3.5-3.6
    assert "ssi-2009-269" in _refs(health) and any("3.5" in (r.at or "") for r in health.sources)
    assert "MAPPA-ID-03" not in _agency_step_ids(data, "health")
    for agency in ("police", "council", "sps"):
        assert "MAPPA-ID-03" in _agency_step_ids(data, agency), agency
    assert "MAPPA-ID-04" in _agency_step_ids(data, "health")


def test_10_1_16_the_social_security_scotland_label_dates_the_duty(data):
    got = rule_status(data, data.facts["mappa-dtc-sss"])
    assert got.state == "in force" and "8 January 2021" in got.text and "guidance" not in got.text


def test_mt_01_confidentiality_statement_rests_on_the_2022_document_set(data):
    mt01 = _steps(data)["MAPPA-MT-01"]
    assert mt01.applies_now is None and rule_status(data, mt01).state == "in force"
    assert any(r.id == "mappa-guidance" and "5B" in (r.at or "") for r in mt01.sources)


def test_the_police_page_shows_no_olr_yearly_report(site_dir):
    police = (site_dir / "mappa" / "agencies" / "police" / "index.html").read_text(encoding="utf-8")
    assert "MAPPA-MT-15" not in police and "not the police" in police
    council = (site_dir / "mappa" / "agencies" / "council" / "index.html").read_text(encoding="utf-8")
    assert "MAPPA-MT-15" in council and "lead authority for an OLR" in council


def test_10_1_3_ministers_powers_after_conditional_discharge_rest_on_the_act(data):
    fact = data.facts["mappa-rp-cd-ministers"]
    got = rule_status(data, fact)
    assert got.state == "in force" and "sections 200 and 202" in got.text
    assert "consent is needed" not in fact.text and "warrant" in fact.text
