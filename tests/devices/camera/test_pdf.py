

def test_dense_grey_a4_page_stays_within_budget() -> None:
    from clerk_app.devices.camera.pdf import A4_GRAY_200_BUDGET, encode_page
    from clerk_app.devices.camera.process import clean_page
    from clerk_app.devices.camera.synthetic import ShotSpec, make_shot

    for seed in (41, 42):  # the densest benchmark pages
        page = clean_page(make_shot(ShotSpec(seed=seed, size=(2592, 1944), kind="a4")).image, "gray")
        assert len(encode_page(page.image, page.dpi).data) <= A4_GRAY_200_BUDGET
