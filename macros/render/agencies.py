"""stub"""


def agency_page(data, src, key):
    return ""
